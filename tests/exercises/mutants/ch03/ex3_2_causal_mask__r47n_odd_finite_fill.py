# MUTANT: the hidden scores filled with a finite -12345 instead of -inf
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    return torch.softmax(attn_scores.masked_fill(future, -12345.0), dim=-1)


EXPECTED_CAUSE = "finite number (-12345 here)"  # the check's message must name this
