# MUTANT: leading dimensions flattened with reshape(-1, n, n) and never restored
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    scores = attn_scores.reshape(-1, n, n)  # handle any leading dims as one batch
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=scores.device), diagonal=1)
    return torch.softmax(scores.masked_fill(future, -torch.inf), dim=-1)

EXPECTED_CAUSE = "leading batch and head dimensions were merged into one"
