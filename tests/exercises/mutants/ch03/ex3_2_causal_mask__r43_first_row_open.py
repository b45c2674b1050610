# MUTANT: the mask rows start at query 1 (query 0 sees every key: an off-by-one row loop)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    masked = attn_scores.clone()
    for i in range(1, n):
        masked[..., i, i + 1:] = -torch.inf
    return torch.softmax(masked, dim=-1)


EXPECTED_CAUSE = "leaves out whole rows, the first 1"  # the check's message must name this
