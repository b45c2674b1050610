# MUTANT: loops over range(group_size) instead of the K/V heads, so extra heads are dropped.
import torch


def repeat_kv(kv, group_size):
    parts = [kv[:, i : i + 1].repeat(1, group_size, 1, 1) for i in range(group_size)]
    return torch.cat(parts, dim=1)


EXPECTED_CAUSE = "you repeated only the first group_size"
