# MUTANT: the model goes through bfloat16 and back after loading, rounding every weight
import torch

from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],
        "emb_dim": settings["n_embd"],
        "n_heads": settings["n_head"],
        "n_layers": settings["n_layer"],
        "drop_rate": drop_rate,
        "qkv_bias": True,
    }
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    model.to(torch.bfloat16).float()
    return model.eval()

EXPECTED_CAUSE = "rounded to bfloat16"
