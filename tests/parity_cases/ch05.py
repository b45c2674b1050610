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
    # training_extras.ipynb (appendix D)
    "warmup_cosine_lr": {"inputs": lambda: (37, 100, 5e-4, 20, 3e-5, 1e-6)},
    "find_highest_gradient": {"inputs": _model_after_backward},
    "train_model": {"inputs": lambda: _training_inputs(extra=(3, 1e-4, 1e-5))},
}
