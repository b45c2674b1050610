# MUTANT: an epsilon added after the softmax, then the rows renormalised (future keys get ~1e-6)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    weights = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1) + 1e-6
    return weights / weights.sum(-1, keepdim=True)


EXPECTED_CAUSE = "then the rows renormalised"  # the check's message must name this
