# MUTANT: torch.sigmoid of the masked scores instead of a softmax (no row sums to 1)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    return torch.sigmoid(attn_scores.masked_fill(future, -torch.inf))

EXPECTED_CAUSE = "torch.sigmoid of the masked scores"
