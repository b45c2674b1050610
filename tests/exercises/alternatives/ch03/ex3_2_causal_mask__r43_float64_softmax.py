"""Exercise 3.2, another way: the softmax taken in float64 and cast back to the scores' dtype."""

import torch


def causal_attention_weights(attn_scores):
    """Turn square attention scores into causal attention weights."""
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    return torch.softmax(masked.double(), dim=-1).to(attn_scores.dtype)
