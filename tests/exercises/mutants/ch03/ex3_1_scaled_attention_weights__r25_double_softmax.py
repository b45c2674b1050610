# MUTANT: softmax applied twice (once on the scaled scores, again on the weights)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    weights = torch.softmax(keys @ query / d_k**0.5, dim=-1)
    return torch.softmax(weights, dim=-1)


EXPECTED_CAUSE = 'applied the softmax twice'
