# MUTANT: query/key/value weights counted per head (E x head_dim) instead of E x E.
"""Exercise 4.5: where the parameters of a transformer block are."""

def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * (E // cfg["n_heads"]) + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = 'not emb_dim x head_dim'  # named in the message
