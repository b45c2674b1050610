# MUTANT: mask cached from the first call and reused for other sizes
import torch

_mask = None


def causal_attention_weights(attn_scores):
    global _mask
    if _mask is None:
        n = attn_scores.shape[-1]
        _mask = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    n = attn_scores.shape[-1]
    return torch.softmax(attn_scores.masked_fill(_mask[:n, :n], -torch.inf), dim=-1)


EXPECTED_CAUSE = 'earlier call'  # the check's message must name this
