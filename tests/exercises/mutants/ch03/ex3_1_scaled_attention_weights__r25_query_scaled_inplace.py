# MUTANT: scales the caller's query in place (query /= sqrt(d_k)), changing the caller's tensor
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    query /= d_k**0.5
    return torch.softmax(keys @ query, dim=-1)


EXPECTED_CAUSE = 'changed its argument `query` in place'
