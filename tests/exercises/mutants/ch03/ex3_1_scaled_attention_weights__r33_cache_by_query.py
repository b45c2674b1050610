# MUTANT: results cached by the query; the same query with other keys returns old weights
import torch

EXPECTED_CAUSE = 'keeps results between calls'

_cache = {}


def attention_weights_for_query(query, keys):
    key = tuple(query.tolist())
    if key not in _cache:
        d_k = keys.shape[-1]
        _cache[key] = torch.softmax(keys @ query / d_k**0.5, dim=-1)
    return _cache[key]
