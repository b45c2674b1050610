# MUTANT: fills hidden scores with -1e9 instead of -inf
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    mask = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(mask, -1e9), dim=-1)


EXPECTED_CAUSE = 'float16 cannot hold'  # the check's message must name this
