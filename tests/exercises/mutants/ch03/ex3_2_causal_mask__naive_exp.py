# MUTANT: hand-written softmax exp(x)/sum without subtracting the max (overflow on large scores)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    e = torch.exp(attn_scores.masked_fill(future, -torch.inf))
    return e / e.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = 'divides 0 by 0'
