# Mutant: a loop over range(kv.shape[0]), the batch, not the K/V heads.
import torch


def repeat_kv(kv, group_size):
    heads = [kv[:, i:i + 1].repeat(1, group_size, 1, 1) for i in range(kv.shape[0])]
    return torch.cat(heads, dim=1)


EXPECTED_CAUSE = "as many as the batch"
