# MUTANT: the weights averaged over the batch/head dimensions (dim 0, to "combine the
# heads"); no replay matches: the shape fallback says a dimension was dropped
import torch

EXPECTED_CAUSE = "a dimension dropped: a squeeze, an index such as [0], or a sum or mean"


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    weights = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    return weights.mean(0) if weights.dim() > 2 else weights
