# MUTANT: the right float64 weights cast to float32 by a .float() after the softmax
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, device=attn_scores.device), diagonal=1).bool()
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1).float()


EXPECTED_CAUSE = "a .float()/.to() on the weights"  # the check's message must name this
