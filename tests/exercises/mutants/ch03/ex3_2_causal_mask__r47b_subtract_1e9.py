# MUTANT: the hidden scores lowered by 1e9 (scores - 1e9 * mask) instead of replaced by -inf
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=attn_scores.dtype, device=attn_scores.device),
                        diagonal=1)
    return torch.softmax(attn_scores - 1e9 * future, dim=-1)


EXPECTED_CAUSE = "lowers the hidden scores by a finite amount"  # the check's message must name this
