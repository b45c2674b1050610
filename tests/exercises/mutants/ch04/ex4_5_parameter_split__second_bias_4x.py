# MUTANT: second feed-forward bias counted as 4*emb_dim instead of emb_dim.
"""Exercise 4.5: where the parameters of a transformer block are."""

def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + 4 * E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = "the second Linear's bias has emb_dim values"  # named in the message
