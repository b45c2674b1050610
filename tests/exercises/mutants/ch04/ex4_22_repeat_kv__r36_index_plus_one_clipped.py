# MUTANT: the head index is (h + 1) // group_size clipped to the last head (off by one)
import torch

EXPECTED_CAUSE = "(h + 1) // group_size, clipped"


def repeat_kv(kv, group_size):
    num_kv = kv.shape[1]
    h = torch.arange(num_kv * group_size, device=kv.device)
    idx = ((h + 1) // group_size).clamp(max=num_kv - 1)
    return kv[:, idx]
