# MUTANT: counts of all n_layers blocks instead of one block.
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    L = cfg["n_layers"]
    return {"feed_forward": feed_forward * L, "attention": attention * L}

EXPECTED_CAUSE = 'you counted all n_layers blocks'
