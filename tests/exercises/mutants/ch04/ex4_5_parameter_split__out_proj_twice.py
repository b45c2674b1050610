# MUTANT: out_proj counted twice.
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    projections = 4 * E * E + (3 * E if cfg["qkv_bias"] else 0) + E
    return {"feed_forward": 8 * E * E + 5 * E, "attention": projections + E * E + E}

EXPECTED_CAUSE = "a whole Linear layer counted twice"
