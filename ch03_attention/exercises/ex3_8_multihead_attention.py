"""Exercise 3.8: causal multi-head attention with weight splits, from scratch.

Ours: the book has no exercise for this; it practises the chapter's code.

Edit this file, then check it with ``python -m llmscratch check ch03``.
The answer is in ../solutions/ex3_8_multihead_attention.py (try first!).
"""

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    """Causal multi-head self-attention, as in §3.6.2, written by you.

    Constructor: ``(d_in, d_out, context_length, dropout, num_heads, qkv_bias=False)``. Create,
    in this order, ``W_query``, ``W_key``, ``W_value`` (``nn.Linear(d_in, d_out)``), ``out_proj``
    (``nn.Linear(d_out, d_out)``), a dropout layer, and the causal mask as a buffer ``mask``
    holding the book's ``torch.triu(torch.ones(context_length, context_length), diagonal=1)``
    (1 marks a hidden key), registered with ``register_buffer`` as usual (so it is in
    ``state_dict`` and the book's saved weights load into your module).
    ``forward(x)`` maps ``(b, num_tokens, d_in)`` to ``(b, num_tokens, d_out)``: project, split
    into heads, scaled and causally masked softmax, dropout on the weights through that
    dropout layer (so it acts only in training mode, and the seeded draws match the book's),
    weighted sum of the values, merge the heads, ``out_proj``.
    """

    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        raise NotImplementedError("your code here: create the layers and the mask buffer")

    def forward(self, x):
        raise NotImplementedError("your code here")
