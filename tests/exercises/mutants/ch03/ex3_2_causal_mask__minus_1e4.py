# MUTANT: hidden scores filled with -1e4: lower real scores let the future leak
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -1e4), dim=-1)


EXPECTED_CAUSE = 'finite number'
