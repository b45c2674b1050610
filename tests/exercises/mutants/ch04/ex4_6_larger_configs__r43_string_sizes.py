# MUTANT: sizes parsed from a text table and never converted with int().
"""Configs of the larger GPT-2 models, parsed from a small table."""

from llmscratch import GPT_CONFIG_124M

TABLE = """
gpt2-medium 1024 24 16
gpt2-large 1280 36 20
gpt2-xl 1600 48 25
"""


def larger_gpt_configs():
    configs = {}
    for line in TABLE.strip().splitlines():
        name, emb_dim, n_layers, n_heads = line.split()
        cfg = dict(GPT_CONFIG_124M)
        cfg.update(emb_dim=emb_dim, n_layers=n_layers, n_heads=n_heads)
        configs[name] = cfg
    return configs

EXPECTED_CAUSE = "a value read from text"
