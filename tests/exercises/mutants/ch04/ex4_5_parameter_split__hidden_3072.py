# MUTANT: hidden width hard-coded to 3072 (4 * 768).
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 3072 + 3072) + (3072 * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = 'hard-coded to 3072'
