"""Exercise 3.6: split projected vectors into attention heads.

Ours: the book has no exercise for this; it practises the chapter's code.

Edit this file, then check it with ``python -m llmscratch check ch03``.
The answer is in ../solutions/ex3_6_split_heads.py (try first!).
"""



def split_heads(x, num_heads):
    """Split ``x`` of shape ``(b, num_tokens, d_out)`` into ``num_heads`` heads.

    Return shape ``(b, num_heads, num_tokens, head_dim)`` with ``head_dim = d_out // num_heads``,
    where head ``h`` holds features ``h * head_dim`` to ``(h + 1) * head_dim - 1`` of every
    token. Example: for ``x`` of shape ``(1, 3, 4)`` and 2 heads, ``split_heads(x, 2)[0, 1]`` is
    ``x[0, :, 2:4]``. (``MultiHeadAttention`` does this to queries, keys and values.)
    """
    raise NotImplementedError("your code here")
