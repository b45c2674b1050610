# MUTANT: keys normalised to unit length before the dot product (scores no longer raw dot products)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    keys = keys / keys.norm(dim=-1, keepdim=True)
    return torch.softmax(keys @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'scaled each key to length 1'
