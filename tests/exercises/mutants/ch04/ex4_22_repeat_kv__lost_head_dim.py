# Mutant: cat of kv[:, h], which drops the heads axis.
import torch


def repeat_kv(kv, group_size):
    return torch.cat([kv[:, h] for h in range(kv.shape[1]) for _ in range(group_size)], dim=1)


EXPECTED_CAUSE = 'the heads axis is gone'
