# MUTANT: F.softmax called without dim=, which picks dim 0 for 3-D and dim 1 for 4-D scores
import torch
import torch.nn.functional as F


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    return F.softmax(attn_scores.masked_fill(future, -torch.inf))


EXPECTED_CAUSE = "without dim= picks dim"  # the check's message must name this
