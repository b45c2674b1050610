# MUTANT: the scale sqrt(d_k) computed on the first call and kept in a global
# (stale for another d_k)
import torch

_SCALE = None


def attention_weights_for_query(query, keys):
    global _SCALE
    if _SCALE is None:
        _SCALE = keys.shape[-1] ** 0.5
    return torch.softmax((keys @ query) / _SCALE, dim=-1)


EXPECTED_CAUSE = 'keeps state between calls'
