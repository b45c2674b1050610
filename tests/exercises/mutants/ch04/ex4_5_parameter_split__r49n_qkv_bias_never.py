# MUTANT: the attention count never includes query/key/value biases (cfg['qkv_bias'] ignored).
"""Exercise 4.5: where the parameters of a transformer block are.
"""

EXPECTED_CAUSE = "query, key and value each have a bias of emb_dim"


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    feed_forward = 2 * (4 * E * E) + 4 * E + E   # two weight matrices, two biases
    attention = 4 * E * E + E                     # Wq, Wk, Wv, out_proj (+ out_proj bias)
    return {"feed_forward": feed_forward, "attention": attention}
