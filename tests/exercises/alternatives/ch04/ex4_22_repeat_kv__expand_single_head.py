# Correct: a single K/V head returned as an expand view, otherwise repeat_interleave
import torch


def repeat_kv(kv, group_size):
    if kv.shape[1] == 1:
        return kv.expand(-1, group_size, -1, -1)
    return torch.repeat_interleave(kv, group_size, dim=1)
