# MUTANT: weights below 1e-10 set to 0 "for sparsity" after the softmax
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    weights = torch.softmax(keys @ query / d_k ** 0.5, dim=-1)
    return weights.masked_fill(weights < 1e-10, 0.0)


EXPECTED_CAUSE = "were set to exactly 0"
