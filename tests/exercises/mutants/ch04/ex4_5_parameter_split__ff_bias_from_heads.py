# MUTANT: the hidden bias counted as n_heads * emb_dim.
"""Exercise 4.5 (solution): where the parameters of a transformer block are."""


def block_parameter_counts(cfg):
    """Count the parameters of the feed-forward and the attention module of ONE block."""
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + cfg["n_heads"] * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = "cfg['n_heads'] x emb_dim"
