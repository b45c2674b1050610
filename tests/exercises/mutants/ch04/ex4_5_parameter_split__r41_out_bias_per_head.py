# MUTANT: out_proj bias counted once per head (n_heads * emb_dim) instead of once
def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    H = cfg["n_heads"]
    head_dim = E // H
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    out_proj = H * (head_dim * E + E)  # each head's slice of out_proj, with its bias
    return {"feed_forward": feed_forward, "attention": qkv + out_proj}


EXPECTED_CAUSE = "out_proj's bias is counted once per head"
