# MUTANT: attention's width taken as n_heads * 64 (GPT-2's head width) instead of emb_dim
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    D = cfg["n_heads"] * 64
    qkv = 3 * (D * D + (D if cfg["qkv_bias"] else 0))
    attention = qkv + D * D + D
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = 'n_heads x 64'
