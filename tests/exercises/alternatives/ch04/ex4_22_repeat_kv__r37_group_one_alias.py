# Correct: kv itself returned for group_size == 1 (as Hugging Face's repeat_kv)
import torch


def repeat_kv(kv, group_size):
    if group_size == 1:
        return kv
    return torch.repeat_interleave(kv, group_size, dim=1)
