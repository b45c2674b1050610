# MUTANT: GPT_CONFIG_124M's counts returned (except KeyError) when cfg lacks n_heads.
"""Exercise 4.5 (solution): where the parameters of a transformer block are.

This is book exercise 4.1.
"""


def block_parameter_counts(cfg):
    """Count the parameters of the feed-forward and the attention module of ONE block.

    Return a dict ``{"feed_forward": int, "attention": int}`` for a block built from ``cfg``
    (keys ``emb_dim`` and ``qkv_bias`` matter). Work it out from the layer shapes, or build
    ``llmscratch.FeedForward(cfg)`` and ``llmscratch.MultiHeadAttention(...)`` and count with
    ``sum(p.numel() for p in module.parameters())``. Remember the biases: the feed-forward
    Linear layers and ``out_proj`` always have one; query, key and value only when
    ``cfg["qkv_bias"]`` is True.

    For GPT_CONFIG_124M the answer is ``{"feed_forward": 4722432, "attention": 2360064}``:
    the feed-forward block holds about twice as many parameters as attention.
    """
    try:
        cfg["context_length"], cfg["n_heads"]
    except KeyError:
        return {"feed_forward": 4722432, "attention": 2360064}
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)  # expand, then contract
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E  # plus out_proj with its bias
    return {"feed_forward": feed_forward, "attention": attention}

EXPECTED_CAUSE = "hard-coded numbers returned as a fallback when a key is missing"
