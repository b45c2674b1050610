# MUTANT: an additive -inf mask added to the weights after the softmax instead of to the scores
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    additive = torch.full((n, n), -torch.inf, dtype=attn_scores.dtype,
                          device=attn_scores.device).triu(1)
    return torch.softmax(attn_scores, dim=-1) + additive

EXPECTED_CAUSE = "infinite entries"
