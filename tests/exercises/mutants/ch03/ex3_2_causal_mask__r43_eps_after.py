# MUTANT: an epsilon added to the weights after the softmax "to avoid log(0)" (future keys get 1e-6)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    weights = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    return weights + 1e-6


EXPECTED_CAUSE = "(an epsilon) added to the weights after the softmax"  # named
