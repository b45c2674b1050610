# Mutant: group_size read as the total number of query heads (repeats group_size // num_kv_groups).
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size // kv.shape[1], dim=1)


EXPECTED_CAUSE = 'as if group_size were the number of query heads'
