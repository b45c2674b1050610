# Correct: GPT-2 sizes, re-initialised like GPT-2 (normal(0, 0.02)); the exercise asks for sizes
"""Exercise 3.5 (solution): a multi-head attention module the size of GPT-2 small's.

Book exercise 3.3.
"""

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    """Return a ``MultiHeadAttention`` with GPT-2 small's sizes.

    GPT-2 small (124M) reads 768-dimensional token embeddings, writes 768 dimensions, uses 12
    heads, supports a context of 1,024 tokens and has no bias in the query/key/value
    projections. Use dropout 0.0. Count its parameters with
    ``sum(p.numel() for p in module.parameters())``: you should get 2,360,064.
    """
    import torch
    m = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                              num_heads=12, qkv_bias=False)
    with torch.no_grad():
        for name, p in m.named_parameters():
            if name.endswith('bias'):
                p.zero_()
            else:
                p.normal_(0.0, 0.02)
    return m
