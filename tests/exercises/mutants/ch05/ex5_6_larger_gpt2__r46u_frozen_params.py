# MUTANT: requires_grad_(False) after loading, as if eval mode meant frozen weights: the
#   returned model can no longer be fine-tuned
from llmscratch import GPTModel, load_weights_into_gpt

EXPECTED_CAUSE = "do not require gradients"


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {"vocab_size": settings["n_vocab"], "context_length": settings["n_ctx"],
           "emb_dim": settings["n_embd"], "n_heads": settings["n_head"],
           "n_layers": settings["n_layer"], "drop_rate": drop_rate, "qkv_bias": True}
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    model.eval()
    model.requires_grad_(False)  # eval mode: no gradients needed
    return model
