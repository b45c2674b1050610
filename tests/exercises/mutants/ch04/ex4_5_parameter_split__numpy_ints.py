# MUTANT: counts are numpy integers, not int.
"""Exercise 4.5 (solution): where the parameters of a transformer block are."""


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    import numpy as np
    feed_forward, attention = np.int64(feed_forward), np.int64(attention)
    return {"feed_forward": feed_forward, "attention": attention}


EXPECTED_CAUSE = "plain Python ints"
