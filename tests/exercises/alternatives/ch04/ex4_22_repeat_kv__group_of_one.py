# Correct: with group_size 1 there is nothing to repeat, so kv itself is returned
import torch


def repeat_kv(kv, group_size):
    if group_size == 1:
        return kv
    return torch.repeat_interleave(kv, group_size, dim=1)
