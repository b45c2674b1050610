# MUTANT: divides by math.isqrt(d_k), equal to sqrt(d_k) only for a perfect square
"""Exercise 3.1 (solution): scaled dot-product attention weights for one query."""

import torch


def attention_weights_for_query(query, keys):
    """Attention weights of one query over all keys, scaled by sqrt(d_k) and softmax-normalised."""
    d_k = keys.shape[-1]
    attn_scores = keys @ query  # (num_tokens, d_k) @ (d_k,) -> (num_tokens,)
    return torch.softmax(attn_scores / __import__('math').isqrt(d_k), dim=-1)


EXPECTED_CAUSE = 'whole-number square root'  # the check's message must name this
