# MUTANT: both counts multiplied by 3 (one count per query, key and value, a confusion)
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E
    return {"feed_forward": 3 * feed_forward, "attention": 3 * attention}

EXPECTED_CAUSE = 'both counts are exactly 3 times'
