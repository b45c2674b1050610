# MUTANT: a module-level counter scales n_layers on the second call
from llmscratch import GPT_CONFIG_124M

_calls = []


def larger_gpt_configs():
    _calls.append(1)
    sizes = {"gpt2-medium": (1024, 24, 16), "gpt2-large": (1280, 36, 20),
             "gpt2-xl": (1600, 48, 25)}
    return {n: {**GPT_CONFIG_124M, "emb_dim": e, "n_layers": l * len(_calls), "n_heads": h}
            for n, (e, l, h) in sizes.items()}


EXPECTED_CAUSE = "['n_layers'] was 24, now 48"
