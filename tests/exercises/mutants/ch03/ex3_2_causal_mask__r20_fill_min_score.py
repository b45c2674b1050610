# MUTANT: hidden scores filled with the smallest score (finite), so future keys keep some weight
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, attn_scores.min().item())
    return torch.softmax(masked, dim=-1)


EXPECTED_CAUSE = 'with the smallest score'  # the check's message must name this
