# MUTANT: a hand-written softmax shifted by each key's mean visible score over the queries
# (no replay: named by the fallback as a term for each key)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    shift = attn_scores.masked_fill(future, 0.0).mean(dim=-2, keepdim=True)
    e = torch.exp(masked - shift)
    return e / e.sum(dim=-1, keepdim=True)

EXPECTED_CAUSE = "a term for each key j, the same for every query of a matrix but different"
