# MUTANT: the counts of GPT_CONFIG_124M's width with cfg's qkv_bias.
from llmscratch import GPT_CONFIG_124M


def block_parameter_counts(cfg):
    E = GPT_CONFIG_124M["emb_dim"]
    attention = 4 * E * E + E + (3 * E if cfg["qkv_bias"] else 0)
    return {"feed_forward": 8 * E * E + 5 * E, "attention": attention}

EXPECTED_CAUSE = "that of emb_dim = 768"
