# MUTANT: scores divided by d_k ** 0.6 (a wrong exponent, no replay names it)
import torch

EXPECTED_CAUSE = 'it is sqrt(d_k) times'


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / d_k ** 0.6, dim=-1)
