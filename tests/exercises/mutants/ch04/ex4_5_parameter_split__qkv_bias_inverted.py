# MUTANT: the qkv_bias condition inverted.
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    ff = 8 * E * E + 5 * E
    qkv = 3 * E * E + (3 * E if not cfg["qkv_bias"] else 0)
    att = qkv + E * E + E
    return {"feed_forward": ff, "attention": att}

EXPECTED_CAUSE = "the wrong way round"
