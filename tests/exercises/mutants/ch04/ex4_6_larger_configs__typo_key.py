# MUTANT: n_head instead of n_heads for medium.
"""Exercise 4.6 (solution): configs of the larger GPT-2 models."""

from llmscratch import GPT_CONFIG_124M


def larger_gpt_configs():
    sizes = {
        "gpt2-medium": {"emb_dim": 1024, "n_layers": 24, "n_head": 16},
        "gpt2-large": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
        "gpt2-xl": {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
    }
    return {name: {**GPT_CONFIG_124M, **size} for name, size in sizes.items()}

EXPECTED_CAUSE = 'a misspelt key'  # named in the message
