# MUTANT: a shortcut that expands the heads axis for group_size 1 as well as for one K/V head
# (MQA): expand cannot shrink or keep 2 heads as 1, so group_size 1 with 2 K/V heads crashes
import torch

EXPECTED_CAUSE = "expand only stretches an axis of size 1"


def repeat_kv(kv, group_size):
    if group_size == 1 or kv.shape[1] == 1:
        return kv.expand(-1, group_size, -1, -1)
    return torch.repeat_interleave(kv, group_size, dim=1)
