# Correct: queries scaled before the product, F.dropout(training=self.training), permute/reshape
import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        assert d_out % num_heads == 0
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer(
            "mask", torch.triu(torch.ones(context_length, context_length), diagonal=1).bool()
        )

    def forward(self, x):
        b, t, _ = x.shape

        def split(y):  # (b, t, d_out) -> (b, num_heads, t, head_dim)
            return y.reshape(b, t, self.num_heads, self.head_dim).permute(0, 2, 1, 3)

        queries = split(self.W_query(x)) * self.head_dim**-0.5
        keys = split(self.W_key(x))
        values = split(self.W_value(x))
        scores = torch.matmul(queries, keys.transpose(-2, -1))  # (b, h, t, t)
        scores = scores.masked_fill(self.mask[:t, :t], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        weights = F.dropout(weights, p=self.dropout.p, training=self.training)
        context = torch.matmul(weights, values).permute(0, 2, 1, 3)  # (b, t, h, head_dim)
        return self.out_proj(context.reshape(b, t, self.d_out))
