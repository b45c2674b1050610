# MUTANT: functools.lru_cache keyed by the tensor object: stale after kv is updated in place
import functools

import torch


@functools.cache
def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1)


EXPECTED_CAUSE = "keyed by the tensor object"
