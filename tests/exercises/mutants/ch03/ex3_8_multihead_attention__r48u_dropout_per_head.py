# MUTANT: heads in a loop, self.dropout called on each head's weights (other seeded draws)
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
        b, num_tokens, _ = x.shape
        queries, keys, values = self.W_query(x), self.W_key(x), self.W_value(x)
        hidden = self.mask.bool()[:num_tokens, :num_tokens]
        outs = []
        for h in range(self.num_heads):
            sl = slice(h * self.head_dim, (h + 1) * self.head_dim)
            q, k, v = queries[..., sl], keys[..., sl], values[..., sl]
            scores = (q @ k.transpose(1, 2)).masked_fill(hidden, -torch.inf)
            w = torch.softmax(scores / self.head_dim ** 0.5, dim=-1)
            w = self.dropout(w)
            outs.append(w @ v)
        return self.out_proj(torch.cat(outs, dim=-1))

EXPECTED_CAUSE = "to each head's attention weights separately"
