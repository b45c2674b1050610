# MUTANT: dropout on attn_weights @ values (the heads' context vectors), not on the weights
"""Exercise 3.8 (solution): causal multi-head attention with weight splits, from scratch.

Ours: the book has no exercise for this; it practises the chapter's code.
"""

import torch
import torch.nn as nn

EXPECTED_CAUSE = "dropout is applied to the heads' context vectors"


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
        assert d_out % num_heads == 0, "d_out must be divisible by num_heads"
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length),
                                                diagonal=1))

    def forward(self, x):
        b, num_tokens, d_in = x.shape
        # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
        # -> (b, num_heads, num_tokens, head_dim)
        queries = self.W_query(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        keys = self.W_key(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = self.W_value(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)  # (b, num_heads, num_tokens, num_tokens)
        attn_scores = attn_scores.masked_fill(self.mask.bool()[:num_tokens, :num_tokens],
                                              -torch.inf)
        attn_weights = torch.softmax(attn_scores / self.head_dim**0.5, dim=-1)
                # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
        context_vec = self.dropout(attn_weights @ values).transpose(1, 2)
        context_vec = context_vec.contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)
