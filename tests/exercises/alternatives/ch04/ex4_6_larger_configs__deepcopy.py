# Correct: copy.deepcopy then update(), built in a loop over tuples
import copy

from llmscratch import GPT_CONFIG_124M


def larger_gpt_configs():
    configs = {}
    for name, emb_dim, n_layers, n_heads in [
        ("gpt2-medium", 1024, 24, 16),
        ("gpt2-large", 1280, 36, 20),
        ("gpt2-xl", 1600, 48, 25),
    ]:
        cfg = copy.deepcopy(GPT_CONFIG_124M)
        cfg.update(emb_dim=emb_dim, n_layers=n_layers, n_heads=n_heads)
        configs[name] = cfg
    return configs
