# MUTANT: keys.T @ query instead of keys @ query
"""Exercise 3.1 (solution): scaled dot-product attention weights for one query."""

import torch


def attention_weights_for_query(query, keys):
    """Attention weights of one query over all keys, scaled by sqrt(d_k) and softmax-normalised."""
    d_k = keys.shape[-1]
    attn_scores = keys.T @ query  # (num_tokens, d_k) @ (d_k,) -> (num_tokens,)
    return torch.softmax(attn_scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'keys.T @ query'  # the check's message must name this
