# MUTANT: hidden width taken as n_heads * 256 (3072 for 124M) instead of 4 * emb_dim.
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    H = cfg["n_heads"] * 256
    feed_forward = (E * H + H) + (H * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = 'hidden layer 1,024 wide'
