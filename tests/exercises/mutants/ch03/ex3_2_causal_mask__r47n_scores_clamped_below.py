# MUTANT: the scores clamped from below (clamp(min=-30)) before masking and the softmax
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    masked = attn_scores.clamp(min=-30).masked_fill(future, -torch.inf)
    return torch.softmax(masked, dim=-1)


EXPECTED_CAUSE = "clamped to min=-30 before the softmax"  # the check's message must name this
