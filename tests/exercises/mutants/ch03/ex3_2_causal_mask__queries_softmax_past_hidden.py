# MUTANT: softmax over the queries (dim=-2) with the past hidden (tril): transposed weights
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    past = torch.tril(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=-1)
    return torch.softmax(attn_scores.masked_fill(past, -torch.inf), dim=-2)


EXPECTED_CAUSE = 'the layout is transposed'  # the check's message must name this
