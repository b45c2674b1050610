# MUTANT: a loop over query heads reading K/V head (h - 1) // group_size (1-based habit), so head 0
#         reads the last K/V head
import torch


def repeat_kv(kv, group_size):
    heads = [kv[:, (h - 1) // group_size] for h in range(kv.shape[1] * group_size)]
    return torch.stack(heads, dim=1)


EXPECTED_CAUSE = "an index counted from 1"
