# MUTANT: the row loop starts at 1, so query 0's row stays all 0
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    out = torch.zeros_like(attn_scores)
    for i in range(1, n):
        out[..., i, : i + 1] = torch.softmax(attn_scores[..., i, : i + 1], dim=-1)
    return out

EXPECTED_CAUSE = "a loop over the queries that starts at 1"
