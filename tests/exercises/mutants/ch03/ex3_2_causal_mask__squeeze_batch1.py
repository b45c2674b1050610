# MUTANT: scores .squeeze()d first: a batch of one loses its batch dimension
import torch


def causal_attention_weights(attn_scores):
    s = attn_scores.squeeze()
    n = s.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=s.device), diagonal=1)
    return torch.softmax(s.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = 'what a .squeeze() does'  # the check's message must name this
