# Correct: fill with the dtype's most negative finite value; exp underflows to exactly 0
import torch


def causal_attention_weights(attn_scores):
    future = torch.ones_like(attn_scores, dtype=torch.bool).triu(diagonal=1)
    masked = attn_scores.masked_fill(future, torch.finfo(attn_scores.dtype).min)
    return torch.softmax(masked, dim=-1)
