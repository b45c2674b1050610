# MUTANT: returns the masked scores, forgetting the softmax
"""Exercise 3.2 (solution): causal attention weights from attention scores."""

import torch


def causal_attention_weights(attn_scores):
    """Turn square attention scores into causal attention weights."""
    num_tokens = attn_scores.shape[-1]
    future = torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool,
                                   device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)  # hide future keys before the softmax
    return masked  # normalise over the keys (the last dimension)


EXPECTED_CAUSE = 'returned the masked scores'  # the check's message must name this
