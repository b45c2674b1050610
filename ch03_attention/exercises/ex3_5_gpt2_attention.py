"""Exercise 3.5: a multi-head attention module the size of GPT-2 small's.

Book exercise 3.3.

Edit this file, then check it with ``python -m llmscratch check ch03``.
The answer is in ../solutions/ex3_5_gpt2_attention.py (try first!).
"""

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    """Return a ``MultiHeadAttention`` with GPT-2 small's sizes.

    GPT-2 small (124M) reads 768-dimensional token embeddings, writes 768 dimensions, uses 12
    heads, supports a context of 1,024 tokens and has no bias in the query/key/value
    projections. Use dropout 0.0. Count its parameters with
    ``sum(p.numel() for p in module.parameters())``: you should get 2,360,064.
    """
    raise NotImplementedError("your code here")
