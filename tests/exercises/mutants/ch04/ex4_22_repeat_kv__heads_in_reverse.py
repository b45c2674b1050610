# MUTANT: heads gathered in reverse order (loop from the last K/V head)
import torch


def repeat_kv(kv, group_size):
    last = kv.shape[1] - 1
    parts = [kv[:, g : g + 1].expand(-1, group_size, -1, -1) for g in range(last, -1, -1)]
    return torch.cat(parts, dim=1)


EXPECTED_CAUSE = "the heads reversed"
