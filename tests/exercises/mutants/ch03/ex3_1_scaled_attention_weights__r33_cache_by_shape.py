# MUTANT: the scaled keys cached per shape; other keys of that shape reuse them
import torch

EXPECTED_CAUSE = "keyed on the query or on a shape"

_scaled = {}


def attention_weights_for_query(query, keys):
    k = _scaled.setdefault(keys.shape, keys / keys.shape[-1] ** 0.5)
    return torch.softmax(k @ query, dim=-1)
