# Mutant: row 0's top-k columns kept in every row (no known mistake: the fallback must say so).
import torch


def top_k_filter(logits, top_k):
    idx = torch.topk(logits[0], top_k).indices
    out = torch.full_like(logits, float("-inf"))
    out[:, idx] = logits[:, idx]
    return out
EXPECTED_CAUSE = 'every row keeps the same columns'
