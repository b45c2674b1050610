# MUTANT: torch.where arguments swapped: only the future keys stay visible
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(torch.where(future, attn_scores, -torch.inf), dim=-1)


EXPECTED_CAUSE = "your mask is inverted"  # the check's message must name this
