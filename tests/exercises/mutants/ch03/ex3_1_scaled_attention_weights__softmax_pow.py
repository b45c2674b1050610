# MUTANT: softmax of unscaled scores raised to the power 1/sqrt(d_k)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query, dim=-1) ** (1 / d_k**0.5)


EXPECTED_CAUSE = 'a step after the softmax'  # the check's message must name this
