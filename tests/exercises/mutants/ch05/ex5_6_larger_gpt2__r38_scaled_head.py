# MUTANT: out_head scaled by 1/sqrt(emb_dim) after loading
import math

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
    with torch.no_grad():
        model.out_head.weight /= math.sqrt(cfg["emb_dim"])
    return model.eval()

EXPECTED_CAUSE = "divided by sqrt(24)"
