# Correct: the dict union operator |
from llmscratch import GPT_CONFIG_124M


def larger_gpt_configs():
    return {
        "gpt2-medium": GPT_CONFIG_124M | {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
        "gpt2-large": GPT_CONFIG_124M | {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
        "gpt2-xl": GPT_CONFIG_124M | {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
    }
