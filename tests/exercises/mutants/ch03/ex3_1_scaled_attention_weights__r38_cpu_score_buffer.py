# MUTANT: scores written into a buffer made with torch.empty(..., dtype=keys.dtype) but no device,
# so inputs on another device fail (or are moved to the CPU)
import torch


def attention_weights_for_query(query, keys):
    num_tokens, d_k = keys.shape
    attn_scores = torch.empty(num_tokens, dtype=keys.dtype)
    for i in range(num_tokens):
        attn_scores[i] = torch.dot(keys[i], query)
    return torch.softmax(attn_scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "a buffer of scores filled in a loop"
