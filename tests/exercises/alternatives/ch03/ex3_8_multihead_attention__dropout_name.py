# Correct: the dropout layer named attn_dropout (the docstring names no attribute), sizes read from
# the layers instead of stored integers
import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.num_heads = num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.attn_dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), 1))

    def forward(self, x):
        b, n, _ = x.shape
        d_out = self.out_proj.in_features
        hd = d_out // self.num_heads
        q = self.W_query(x).view(b, n, self.num_heads, hd).transpose(1, 2)
        k = self.W_key(x).view(b, n, self.num_heads, hd).transpose(1, 2)
        v = self.W_value(x).view(b, n, self.num_heads, hd).transpose(1, 2)
        s = (q @ k.transpose(2, 3)).masked_fill(self.mask.bool()[:n, :n], -torch.inf)
        w = self.attn_dropout(torch.softmax(s / hd**0.5, dim=-1))
        return self.out_proj((w @ v).transpose(1, 2).contiguous().view(b, n, d_out))
