# MUTANT: x.view(...) on a line of its own: the split shape is thrown away
"""Exercise 3.6 (solution): split projected vectors into attention heads.

Ours: the book has no exercise for this; it practises the chapter's code.
"""

EXPECTED_CAUSE = 'x = x.view(b, num_tokens, num_heads, head_dim)'


def split_heads(x, num_heads):
    """Split ``x`` of shape ``(b, num_tokens, d_out)`` into ``num_heads`` heads.

    Return shape ``(b, num_heads, num_tokens, head_dim)`` with ``head_dim = d_out // num_heads``,
    where head ``h`` holds features ``h * head_dim`` to ``(h + 1) * head_dim - 1`` of every
    token. Example: for ``x`` of shape ``(1, 3, 4)`` and 2 heads, ``split_heads(x, 2)[0, 1]`` is
    ``x[0, :, 2:4]``. (``MultiHeadAttention`` does this to queries, keys and values.)
    """
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
    x.view(b, num_tokens, num_heads, head_dim)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_heads, num_tokens, head_dim)
    return x.transpose(1, 2)
