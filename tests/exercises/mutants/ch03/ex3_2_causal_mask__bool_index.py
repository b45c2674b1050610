# MUTANT: mask applied with scores[mask] = -inf (indexes the leading dims for batched scores)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.clone()
    masked[future] = -torch.inf
    return torch.softmax(masked, dim=-1)


EXPECTED_CAUSE = "Boolean indexing"  # the check's message must name this
