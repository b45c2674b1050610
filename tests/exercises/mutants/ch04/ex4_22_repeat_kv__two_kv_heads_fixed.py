# Mutant: number of K/V heads hard-coded as 2.
import torch


def repeat_kv(kv, group_size):
    heads = [kv[:, i : i + 1].expand(-1, group_size, -1, -1) for i in range(2)]
    return torch.cat(heads, dim=1)


EXPECTED_CAUSE = 'read num_kv_groups from kv.shape[1]'
