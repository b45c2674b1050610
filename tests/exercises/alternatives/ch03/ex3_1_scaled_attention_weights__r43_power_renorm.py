"""Exercise 3.1, another way: softmax(s) ** (1 / sqrt(d_k)), renormalised (the same weights)."""

import torch


def attention_weights_for_query(query, keys):
    """Attention weights of one query over all keys, scaled by sqrt(d_k) and softmax-normalised."""
    d_k = keys.shape[-1]
    w = torch.softmax(keys @ query, dim=-1) ** (1 / d_k**0.5)
    return w / w.sum()
