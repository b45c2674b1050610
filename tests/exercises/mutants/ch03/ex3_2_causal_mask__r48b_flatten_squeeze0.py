# MUTANT: leading dimensions flattened with reshape(-1, n, n), only squeeze(0) on the way back
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    scores = attn_scores.reshape(-1, n, n)  # one batch dimension for bmm-style code
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=scores.device), diagonal=1)
    weights = torch.softmax(scores.masked_fill(future, -torch.inf), dim=-1)
    return weights.squeeze(0)  # drop the batch dimension added for 2-D scores

EXPECTED_CAUSE = "leading batch and head dimensions were merged into one"
