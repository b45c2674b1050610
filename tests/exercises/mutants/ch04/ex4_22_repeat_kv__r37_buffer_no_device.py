# MUTANT: the output buffer made without device= (on the CPU for a CUDA kv)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = torch.empty(b, g * group_size, t, d, dtype=kv.dtype)
    for h in range(g * group_size):
        out[:, h] = kv[:, h // group_size]
    return out


EXPECTED_CAUSE = "a buffer made without device="
