# MUTANT: softmax over the whole flattened matrix: each matrix, not each row, sums to 1
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, float("-inf"))
    return torch.softmax(masked.flatten(-2), dim=-1).view_as(attn_scores)


EXPECTED_CAUSE = "your softmax ran over each matrix"
