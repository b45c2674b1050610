# MUTANT: the result is written into kv.data, so the caller's kv tensor is changed (and returned)
import torch

EXPECTED_CAUSE = "changed kv itself"


def repeat_kv(kv, group_size):
    kv.data = torch.repeat_interleave(kv.data, group_size, dim=1)
    return kv
