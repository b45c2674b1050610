"""Exercise 4.5: where the parameters of a transformer block are.

This is book exercise 4.1.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_5_parameter_split.py (try first!).
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
    raise NotImplementedError("your code here")
