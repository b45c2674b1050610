# Correct: index_select with head h -> h // group_size
import torch


def repeat_kv(kv, group_size):
    num_heads = kv.shape[1] * group_size
    source = torch.arange(num_heads, device=kv.device) // group_size
    return kv.index_select(1, source)
