# MUTANT: repeats group_size - 1 times (thinks the original counts as one).
import torch


def repeat_kv(kv, group_size):
    return torch.cat([kv, torch.repeat_interleave(kv, group_size - 1, dim=1)], dim=1)

EXPECTED_CAUSE = 'your output heads copy the K/V heads [0, 1, 0, 0, 1, 1]'
