# MUTANT: the hidden scores filled with -65504 (float16's lowest number) instead of -inf
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    return torch.softmax(attn_scores.masked_fill(future, -65504.0), dim=-1)


EXPECTED_CAUSE = "finite number (-65504 here)"  # the check's message must name this
