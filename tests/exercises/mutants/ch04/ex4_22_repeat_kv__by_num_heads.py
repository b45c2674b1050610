# Mutant: each head repeated num_kv_groups * group_size times.
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, kv.shape[1] * group_size, dim=1)


EXPECTED_CAUSE = "the number of query heads (with"
