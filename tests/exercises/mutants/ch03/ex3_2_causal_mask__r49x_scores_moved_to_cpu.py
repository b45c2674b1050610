# MUTANT: mask built on the CPU and the scores moved there with .cpu() to silence the device error
"""Exercise 3.2 (solution): causal attention weights from attention scores.

Ours: the book has no exercise for this; it practises the chapter's code.
"""

import torch

EXPECTED_CAUSE = 'shapes but no values'


def causal_attention_weights(attn_scores):
    """Turn square attention scores into causal attention weights.

    ``attn_scores`` has shape ``(..., num_tokens, num_tokens)`` (any leading batch/head
    dimensions); row ``i`` holds query ``i``'s scores against every key, already scaled. Return
    weights of the same shape where query ``i`` attends only to keys ``0..i`` (itself included):
    every entry above the diagonal is exactly 0 and every row sums to 1. Leave
    ``attn_scores`` unchanged (``masked_fill``, not the in-place ``masked_fill_``).

    Example: scores of all zeros for 3 tokens give
    ``[[1, 0, 0], [0.5, 0.5, 0], [1/3, 1/3, 1/3]]``.
    """
    num_tokens = attn_scores.shape[-1]
    future = torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool), diagonal=1)
    masked = attn_scores.cpu().masked_fill(future, -torch.inf)  # hide future keys
    return torch.softmax(masked, dim=-1)  # normalise over the keys (the last dimension)
