# MUTANT: results cached by (shape, group_size), so a new kv of a seen shape gets the old heads
import torch

EXPECTED_CAUSE = "keyed by the shape and group_size"


_cache = {}


def repeat_kv(kv, group_size):
    key = (tuple(kv.shape), group_size)
    if key not in _cache:
        _cache[key] = torch.repeat_interleave(kv, group_size, dim=1)
    return _cache[key]
