# MUTANT: masked scores computed but the softmax takes the original attn_scores (no mask at all)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)  # noqa: F841
    return torch.softmax(attn_scores, dim=-1)


EXPECTED_CAUSE = 'the mask never reaches the softmax'
