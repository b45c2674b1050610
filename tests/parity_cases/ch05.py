"""Parity cases for the chapter 5 notebooks (ch05.ipynb and training_extras.ipynb).

Every factory is called after ``torch.manual_seed(123)``, once for the notebook's version and
once for the package's, so both get equal, fresh models, loaders and optimizers.
"""

import torch
from torch.utils.data import DataLoader, TensorDataset

TINY = {"vocab_size": 50257, "context_length": 16, "emb_dim": 32, "n_heads": 4, "n_layers": 2,
        "drop_rate": 0.1, "qkv_bias": False}


def _model(eval_mode=False):
    from llmscratch import GPTModel

    model = GPTModel(TINY)
    return model.eval() if eval_mode else model


def _loader(n_batches=3, batch=2, num_tokens=16, shuffle=False):
    ids = torch.randint(0, 50257, (n_batches * batch, num_tokens + 1))
    return DataLoader(TensorDataset(ids[:, :-1], ids[:, 1:]), batch_size=batch, shuffle=shuffle)


def _tokenizer():
    from llmscratch import get_gpt2_tokenizer

    return get_gpt2_tokenizer()


def _training_inputs(extra=()):
    from llmscratch import make_adamw

    model = _model()
    train_loader, val_loader = _loader(4, shuffle=True), _loader(2)
    optimizer = make_adamw(model, lr=1e-3, weight_decay=0.1)
    return (model, train_loader, val_loader, optimizer, "cpu", 2, 3, 2, "Every effort",
            _tokenizer(), *extra)


def _model_after_backward():
    from llmscratch import calc_loss_batch

    model = _model()
    x, y = next(iter(_loader(1)))
    calc_loss_batch(x, y, model, "cpu").backward()
    return (model,)


def _gpt2_layout_params(emb=32, n_layers=2, vocab=50257, ctx=16):
    """Random tensors under GPT-2's Hugging Face names and shapes (Conv1D: (in, out))."""
    shapes = {"wte.weight": (vocab, emb), "wpe.weight": (ctx, emb), "ln_f.weight": (emb,),
              "ln_f.bias": (emb,)}
    for i in range(n_layers):
        shapes.update({
            f"h.{i}.attn.c_attn.weight": (emb, 3 * emb), f"h.{i}.attn.c_attn.bias": (3 * emb,),
            f"h.{i}.attn.c_proj.weight": (emb, emb), f"h.{i}.attn.c_proj.bias": (emb,),
            f"h.{i}.mlp.c_fc.weight": (emb, 4 * emb), f"h.{i}.mlp.c_fc.bias": (4 * emb,),
            f"h.{i}.mlp.c_proj.weight": (4 * emb, emb), f"h.{i}.mlp.c_proj.bias": (emb,),
            f"h.{i}.ln_1.weight": (emb,), f"h.{i}.ln_1.bias": (emb,),
            f"h.{i}.ln_2.weight": (emb,), f"h.{i}.ln_2.bias": (emb,),
        })
    return {name: torch.randn(shape) for name, shape in shapes.items()}


def _loaded_state(load_weights_into_gpt):
    """The state dict and logits of a tiny qkv-bias GPTModel after loading random GPT-2 params."""
    from llmscratch import GPTModel

    model = GPTModel({**TINY, "qkv_bias": True})
    load_weights_into_gpt(model, _gpt2_layout_params())
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor([[6109, 3626, 6100, 345]]))
    return dict(model.state_dict()), logits


CASES = {
    "text_to_token_ids": {"inputs": lambda: ("Every effort moves you<|endoftext|>",
                                             _tokenizer())},
    "token_ids_to_text": {"inputs": lambda: (torch.tensor([[6109, 3626, 6100, 345]]),
                                             _tokenizer())},
    "calc_loss_batch": {"inputs": lambda: (*next(iter(_loader(1))), _model(), "cpu")},
    "calc_loss_loader": {"inputs": lambda: (_loader(3), _model(True), "cpu", 2)},
    "evaluate_model": {"inputs": lambda: (_model(), _loader(2), _loader(2), "cpu", 2)},
    "generate_and_print_sample": {"inputs": lambda: (_model(), _tokenizer(), "cpu", "Every")},
    "train_model_simple": {"inputs": lambda: _training_inputs()},
    "generate": {"inputs": lambda: (_model(True), torch.tensor([[6109, 3626, 6100]]), 8, 16,
                                    1.4, 25)},
    # the transposes, the q/k/v split and the tied head all show in the copied tensors
    "load_weights_into_gpt": {"probe": _loaded_state},
    # training_extras.ipynb (appendix D)
    "warmup_cosine_lr": {"inputs": lambda: (37, 100, 5e-4, 20, 3e-5, 1e-6)},
    "find_highest_gradient": {"inputs": _model_after_backward},
    "train_model": {"inputs": lambda: _training_inputs(extra=(3, 1e-4, 1e-5))},
}
