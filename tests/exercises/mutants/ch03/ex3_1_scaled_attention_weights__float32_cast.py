# MUTANT: casts to float32: a float64 input gives float32 weights
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = (keys @ query).float()
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "keep the inputs' dtype"  # the check's message must name this
