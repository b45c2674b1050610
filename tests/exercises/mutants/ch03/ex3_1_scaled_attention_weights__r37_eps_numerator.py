# MUTANT: 0.5 added to every exp(score) before dividing by the sum
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    e = torch.exp(keys @ query / d_k**0.5 - (keys @ query / d_k**0.5).max()) + 0.5
    return e / e.sum()

EXPECTED_CAUSE = "added to every exp(score) before dividing"
