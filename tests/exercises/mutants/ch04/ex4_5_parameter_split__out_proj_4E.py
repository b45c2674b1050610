# MUTANT: out_proj counted as emb_dim x 4*emb_dim.
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + 4 * E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = '+3 x emb_dim**2'
