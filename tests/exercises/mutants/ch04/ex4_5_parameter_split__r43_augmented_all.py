# MUTANT: every Linear counted as an (in + 1) x (out + 1) matrix, qkv_bias ignored.
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = 2 * (E + 1) * (4 * E + 1)
    attention = 4 * (E + 1) ** 2
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = "both Linear layers give(s) when each is counted as an (in + 1) x (out + 1)"
