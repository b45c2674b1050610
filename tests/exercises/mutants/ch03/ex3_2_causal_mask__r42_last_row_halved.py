# MUTANT: the last query's scores are halved (a per-row temperature put on the last row by mistake)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    scale = torch.ones(n, 1, dtype=attn_scores.dtype, device=attn_scores.device)
    scale[-1] = 2.0
    return torch.softmax(masked / scale, dim=-1)


EXPECTED_CAUSE = "divided by a number of its own"  # the check's message must name this
