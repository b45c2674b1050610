# MUTANT: leading dims flattened with .view(-1, n, n): fails on non-contiguous scores
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    flat = attn_scores.view(-1, n, n)
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    w = torch.softmax(flat.masked_fill(future, -torch.inf), dim=-1)
    return w.view(attn_scores.shape)


EXPECTED_CAUSE = 'needs contiguous memory'  # the check's message must name this
