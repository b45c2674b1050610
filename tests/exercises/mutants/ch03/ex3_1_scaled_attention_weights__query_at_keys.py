# MUTANT: query @ keys instead of keys @ query
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(query @ keys / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'You multiplied query @ keys'
