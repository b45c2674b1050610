# MUTANT: batched scores handled by a loop over dim 1 (the heads of 4-D scores), so 3-D
# (batch, n, n) scores are cut into non-square slices
import torch


def _one(scores):
    n = scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=scores.device), diagonal=1)
    return torch.softmax(scores.masked_fill(future, -torch.inf), dim=-1)


def causal_attention_weights(attn_scores):
    if attn_scores.dim() == 2:
        return _one(attn_scores)
    return torch.stack([_one(s) for s in attn_scores.unbind(1)], dim=1)  # one per head

EXPECTED_CAUSE = "it assumes one layout of the leading dimensions"
