# Correct: dict.copy() and item assignment, one helper per size
import llmscratch


def _config(emb_dim, n_layers, n_heads):
    cfg = llmscratch.GPT_CONFIG_124M.copy()
    cfg["emb_dim"] = emb_dim
    cfg["n_layers"] = n_layers
    cfg["n_heads"] = n_heads
    return cfg


def larger_gpt_configs():
    return {
        "gpt2-medium": _config(1024, 24, 16),
        "gpt2-large": _config(1280, 36, 20),
        "gpt2-xl": _config(1600, 48, 25),
    }
