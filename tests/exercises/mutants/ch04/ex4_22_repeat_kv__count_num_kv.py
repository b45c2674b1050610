# Mutant: each head repeated kv.shape[1] times (the number of K/V heads).
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, kv.shape[1], dim=1)


EXPECTED_CAUSE = 'num_kv_groups = kv.shape[1]'
