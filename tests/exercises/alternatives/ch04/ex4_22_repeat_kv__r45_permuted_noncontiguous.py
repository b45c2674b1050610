# Correct: heads repeated with the tokens moved first and back, a non-contiguous result
import torch


def repeat_kv(kv, group_size):
    return kv.transpose(1, 2).repeat_interleave(group_size, dim=2).transpose(1, 2)
