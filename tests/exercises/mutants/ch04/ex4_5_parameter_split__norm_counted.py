# MUTANT: norm1's scale and shift counted in the attention.
"""Exercise 4.5 (solution): where the parameters of a transformer block are."""


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E + 2 * E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = "you counted norm1's scale and shift"  # named in the message
