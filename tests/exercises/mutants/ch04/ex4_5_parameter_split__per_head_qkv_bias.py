# MUTANT: qkv biases counted as 3 * emb_dim * n_heads (one bias vector per head) when qkv_bias is on
def block_parameter_counts(cfg):
    E, H = cfg["emb_dim"], cfg["n_heads"]
    ff = 8 * E * E + 5 * E
    att = 4 * E * E + E + (3 * E * H if cfg["qkv_bias"] else 0)
    return {"feed_forward": ff, "attention": att}


EXPECTED_CAUSE = 'counted once per head'
