# MUTANT: the head index is made by torch.arange on the CPU and given to index_select (CUDA fails)
import torch


def repeat_kv(kv, group_size):
    heads = torch.arange(kv.shape[1] * group_size) // group_size
    return kv.index_select(1, heads)


EXPECTED_CAUSE = "an index on the cpu for a kv on another device"
