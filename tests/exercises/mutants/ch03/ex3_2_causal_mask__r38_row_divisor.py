# MUTANT: divides each query's row of scores by its number of visible keys (i + 1) before the
# softmax
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    visible = torch.arange(1, n + 1, device=attn_scores.device, dtype=attn_scores.dtype)
    masked = attn_scores.masked_fill(future, -torch.inf) / visible[:, None]
    return torch.softmax(masked, dim=-1)


EXPECTED_CAUSE = "divided by a number of its own"
