# MUTANT: returns the same module-level dicts on every call (a caller's edit leaks into later calls)
from llmscratch import GPT_CONFIG_124M

_CONFIGS = {
    "gpt2-medium": {**GPT_CONFIG_124M, "emb_dim": 1024, "n_layers": 24, "n_heads": 16},
    "gpt2-large": {**GPT_CONFIG_124M, "emb_dim": 1280, "n_layers": 36, "n_heads": 20},
    "gpt2-xl": {**GPT_CONFIG_124M, "emb_dim": 1600, "n_layers": 48, "n_heads": 25},
}


def larger_gpt_configs():
    return _CONFIGS


EXPECTED_CAUSE = 'second call returned the same dict'
