# MUTANT: a loop fills each group's slice with kv[:, h], which drops the heads axis, so
# broadcasting meets the batch with the copies axis (a crash unless batch is 1 or group_size)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = torch.empty(b, g * group_size, t, d, dtype=kv.dtype, device=kv.device)
    for h in range(g):
        out[:, h * group_size : (h + 1) * group_size] = kv[:, h]
    return out


EXPECTED_CAUSE = "drops the heads axis"
