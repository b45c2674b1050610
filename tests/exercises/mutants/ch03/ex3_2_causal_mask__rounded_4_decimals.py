# MUTANT: the weights rounded to 4 decimals for display, so rows no longer sum exactly to 1
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1).round(decimals=4)

EXPECTED_CAUSE = "rounded to 4 decimals"
