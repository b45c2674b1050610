# MUTANT: each key's score divided by that key's norm (half a cosine) instead of sqrt(d_k)
import torch


def attention_weights_for_query(query, keys):
    scores = keys @ query
    return torch.softmax(scores / keys.norm(dim=-1), dim=-1)

EXPECTED_CAUSE = "that key's length"
