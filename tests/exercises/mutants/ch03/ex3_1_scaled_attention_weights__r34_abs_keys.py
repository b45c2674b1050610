# MUTANT: absolute values of the keys in the dot products
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys.abs() @ query / d_k ** 0.5, dim=-1)

EXPECTED_CAUSE = 'your weights rank the keys'
