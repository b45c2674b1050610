# MUTANT: a bias of 0.1 per key position added to the scores
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    pos = torch.arange(n, device=attn_scores.device, dtype=attn_scores.dtype) * 0.1
    masked = (attn_scores + pos).masked_fill(future, -torch.inf)
    return torch.softmax(masked, dim=-1)

EXPECTED_CAUSE = "depend only on the key's position j"
