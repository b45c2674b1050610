# MUTANT: heads kept next to their features: the einsum's weights are laid out
# (b, queries, heads, keys) when self.dropout draws its random numbers
import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
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
        b, t, _ = x.shape
        # keep the heads next to their features: (b, t, heads, head_dim)
        q = self.W_query(x).view(b, t, self.num_heads, self.head_dim)
        k = self.W_key(x).view(b, t, self.num_heads, self.head_dim)
        v = self.W_value(x).view(b, t, self.num_heads, self.head_dim)
        scores = torch.einsum("bqhd,bkhd->bqhk", q, k)  # (b, queries, heads, keys)
        hidden = self.mask.bool()[:t, :t].unsqueeze(1)  # (queries, 1, keys)
        scores = scores.masked_fill(hidden, -torch.inf)
        weights = torch.softmax(scores / self.head_dim ** 0.5, dim=-1)
        weights = self.dropout(weights)
        context = torch.einsum("bqhk,bkhd->bqhd", weights, v)
        return self.out_proj(context.reshape(b, t, self.d_out))

EXPECTED_CAUSE = "laid out as (b, num_tokens (queries), num_heads, num_tokens (keys))"
