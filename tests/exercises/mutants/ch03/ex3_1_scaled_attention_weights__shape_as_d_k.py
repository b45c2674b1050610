# MUTANT: d_k taken as the whole shape (query.shape), so d_k ** 0.5 fails
import torch


def attention_weights_for_query(query, keys):
    d_k = query.shape
    return torch.softmax(keys @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "Your d_k is a whole shape"
