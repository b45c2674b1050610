# MUTANT: 1e-10 added to every weight after the softmax (to avoid zeros in a later log)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / d_k ** 0.5, dim=-1) + 1e-10


EXPECTED_CAUSE = "every weight is 1e-10 too high"
