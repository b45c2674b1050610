# MUTANT: weights doubled after softmax
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return 2 * torch.softmax(keys @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'the right ones times 2'  # the check's message must name this
