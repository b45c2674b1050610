# MUTANT: query/key/value biases of head_dim each.
def block_parameter_counts(cfg):
    E, H = cfg["emb_dim"], cfg["n_heads"]
    qkv = 3 * E * E + (3 * (E // H) if cfg["qkv_bias"] else 0)
    return {"feed_forward": 8 * E * E + 5 * E, "attention": qkv + E * E + E}

EXPECTED_CAUSE = "not head_dim"
