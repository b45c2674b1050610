# MUTANT: the second Linear's bias counted as 1 value instead of emb_dim (fallback test)
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + 1)
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E
    return {"feed_forward": feed_forward, "attention": attention}


EXPECTED_CAUSE = "a bias of emb_dim values is counted as one number"
