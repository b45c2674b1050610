# MUTANT: exp of the masked scores without dividing by each row's sum
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    return torch.exp(attn_scores.masked_fill(future, -torch.inf))

EXPECTED_CAUSE = "torch.exp of the masked scores"
