# MUTANT: the counts times 4 (float32 bytes) instead of parameter counts
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E
    return {"feed_forward": feed_forward * 4, "attention": attention * 4}

EXPECTED_CAUSE = 'memory in bytes'
