# MUTANT: leading dimensions flattened with reshape(-1, n, n), then viewed back to (shape[0], -1, n)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    scores = attn_scores.reshape(-1, n, n)
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=scores.device), diagonal=1)
    weights = torch.softmax(scores.masked_fill(future, -torch.inf), dim=-1)
    return weights.view(attn_scores.shape[0], -1, n)  # back to the caller's batch

EXPECTED_CAUSE = "leading batch and head dimensions were merged into one"
