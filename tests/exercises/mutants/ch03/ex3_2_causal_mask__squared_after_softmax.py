# MUTANT: the weights squared after the softmax to sharpen them, so the rows no longer sum to 1
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1) ** 2

EXPECTED_CAUSE = "raised to the power 2"
