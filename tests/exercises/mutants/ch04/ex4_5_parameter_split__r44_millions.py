# MUTANT: the counts divided by 1e6 (millions).
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E
    return {"feed_forward": feed_forward / 1e6, "attention": attention / 1e6}


EXPECTED_CAUSE = 'counts divided by 1e+06'
