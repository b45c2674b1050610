# MUTANT: a mean of the products instead of their sum, then scaled by sqrt(d_k)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = (keys * query).mean(dim=-1)
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "MEAN of the products"
