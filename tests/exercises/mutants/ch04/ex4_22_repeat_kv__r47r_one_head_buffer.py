# MUTANT: a branch for one K/V head (multi-query attention) fills torch.zeros(b, group_size,
# t, d) made without dtype= or device=: float32 on the CPU for that case only
import torch

EXPECTED_CAUSE = "a branch for num_kv_groups == 1"


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    if g == 1:  # multi-query attention: one K/V head shared by every query head
        out = torch.zeros(b, group_size, t, d)
        out[:] = kv
        return out
    return torch.repeat_interleave(kv, group_size, dim=1)
