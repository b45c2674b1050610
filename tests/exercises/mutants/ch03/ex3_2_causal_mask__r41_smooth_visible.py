# MUTANT: attention "smoothing": 10% of each row's weight spread evenly over its visible keys
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    w = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    count = torch.arange(1, n + 1, device=attn_scores.device, dtype=attn_scores.dtype)[:, None]
    return 0.9 * w + 0.1 * (~future).to(attn_scores.dtype) / count


EXPECTED_CAUSE = "mixed with uniform attention"
