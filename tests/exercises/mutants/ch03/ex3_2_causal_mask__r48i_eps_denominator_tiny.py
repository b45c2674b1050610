# MUTANT: the same epsilon in the denominator, 1e-11: float64 rows sum to 1 - 1e-11, within the
# old float64 tolerance of 1e-9
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    e = torch.exp(masked - masked.amax(dim=-1, keepdim=True))
    return e / (e.sum(dim=-1, keepdim=True) + 1e-11)


EXPECTED_CAUSE = "an epsilon in the denominator"  # the check's message must name this
