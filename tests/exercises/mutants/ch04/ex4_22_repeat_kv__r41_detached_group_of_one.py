# MUTANT: group_size 1 returns a detached copy of kv, so keys and values get no gradient.
import torch


def repeat_kv(kv, group_size):
    if group_size == 1:
        return kv.detach().clone()
    return torch.repeat_interleave(kv, group_size, dim=1)


EXPECTED_CAUSE = "the group_size == 1 branch cuts kv off"
