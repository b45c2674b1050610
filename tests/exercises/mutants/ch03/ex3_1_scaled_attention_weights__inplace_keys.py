# MUTANT: scales the caller's keys in place (keys /= sqrt(d_k))
"""Exercise 3.1 (solution): scaled dot-product attention weights for one query."""

import torch


def attention_weights_for_query(query, keys):
    """Attention weights of one query over all keys, scaled by sqrt(d_k) and softmax-normalised."""
    d_k = keys.shape[-1]
    keys /= d_k**0.5
    return torch.softmax(keys @ query, dim=-1)


EXPECTED_CAUSE = 'changed the query or keys'  # the check's message must name this
