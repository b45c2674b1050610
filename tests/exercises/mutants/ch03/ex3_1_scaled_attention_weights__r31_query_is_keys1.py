# MUTANT: the query taken as keys[1] (the book's 'journey' is the second token) instead of the
# argument
"""Exercise 3.1 (solution): scaled dot-product attention weights for one query.

Ours: the book has no exercise for this; it practises the chapter's code.
"""

import torch

EXPECTED_CAUSE = 'ignores its query argument'


def attention_weights_for_query(query, keys):
    """Attention weights of one query over all keys, scaled by sqrt(d_k) and softmax-normalised.

    ``query`` has shape ``(d_k,)`` and ``keys`` has shape ``(num_tokens, d_k)``; the result has
    shape ``(num_tokens,)``, is non-negative and sums to 1. Steps: dot product of the query with
    every key (the attention scores, omega), divide by ``sqrt(d_k)``, then softmax.

    Example (the book's "journey" query, §3.4.1): with ``query = tensor([0.4306, 1.4551])`` and
    the six keys of the chapter, the weights are about
    ``[0.1500, 0.2264, 0.2199, 0.1311, 0.0906, 0.1820]``.
    """
    d_k = keys.shape[-1]
    attn_scores = keys @ keys[1]  # (num_tokens, d_k) @ (d_k,) -> (num_tokens,)
    return torch.softmax(attn_scores / d_k**0.5, dim=-1)
