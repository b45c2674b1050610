# MUTANT: a hand-written masked softmax that divides by the row's sum + 1e-9, so float64 rows
# sum to 1 - 1e-9 (at the edge of the float64 tolerance before)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    e = torch.exp(masked - masked.amax(dim=-1, keepdim=True))
    return e / (e.sum(dim=-1, keepdim=True) + 1e-9)


EXPECTED_CAUSE = "an epsilon in the denominator"  # the check's message must name this
