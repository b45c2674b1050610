# MUTANT: returns floats (true division) instead of ints.
"""Exercise 4.5 (solution): where the parameters of a transformer block are."""


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = 8 * E * E * (1 + 5 / (8 * E))  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = 'are floats'  # named in the message
