# Mutant: query head h reads K/V head h // num_kv_groups.
import torch


def repeat_kv(kv, group_size):
    g = kv.shape[1]
    return kv[:, torch.arange(g * group_size) // g]


EXPECTED_CAUSE = "reached past the last of the 2 K/V heads"
