# MUTANT: the scores clamped to [-50, 50] "to keep exp in range" before masking and the softmax
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    masked = attn_scores.clamp(-50, 50).masked_fill(future, -torch.inf)
    return torch.softmax(masked, dim=-1)


EXPECTED_CAUSE = "clamped to min=-50, max=50"  # the check's message must name this
