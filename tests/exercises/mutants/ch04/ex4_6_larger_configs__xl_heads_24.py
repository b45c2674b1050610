# MUTANT: gpt2-xl with 24 heads (a mistyped table value; 1600 is not divisible by 24)
from llmscratch import GPT_CONFIG_124M


def larger_gpt_configs():
    sizes = {
        "gpt2-medium": {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
        "gpt2-large": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
        "gpt2-xl": {"emb_dim": 1600, "n_layers": 48, "n_heads": 24},
    }
    return {name: {**GPT_CONFIG_124M, **size} for name, size in sizes.items()}

EXPECTED_CAUSE = "gpt2-xl row is emb_dim=1600, n_layers=48, n_heads=25"
