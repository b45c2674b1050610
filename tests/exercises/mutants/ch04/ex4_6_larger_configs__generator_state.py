# MUTANT: pops the sizes from a module-level dict: the second call returns empty configs
from llmscratch import GPT_CONFIG_124M

_SIZES = {
    "gpt2-medium": {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
    "gpt2-large": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
    "gpt2-xl": {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
}


def larger_gpt_configs():
    out = {}
    for name in list(_SIZES):
        out[name] = {**GPT_CONFIG_124M, **_SIZES.pop(name)}
    return out


EXPECTED_CAUSE = 'no state kept between calls'
