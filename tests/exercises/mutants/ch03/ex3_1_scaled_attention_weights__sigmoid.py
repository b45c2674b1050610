# MUTANT: sigmoid instead of softmax: the weights do not sum to 1
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.sigmoid(keys @ query / d_k**0.5)


EXPECTED_CAUSE = 'torch.sigmoid'
