# MUTANT: softmax computed in float32: a float64 input gives float32 weights
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    mask = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(mask, -torch.inf), dim=-1, dtype=torch.float32)


EXPECTED_CAUSE = "keep the scores' dtype"  # the check's message must name this
