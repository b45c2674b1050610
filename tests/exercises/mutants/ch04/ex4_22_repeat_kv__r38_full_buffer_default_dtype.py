# MUTANT: the output buffer comes from torch.full(..., 0.0) without dtype= (torch's default dtype)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = torch.full((b, g * group_size, t, d), 0.0, device=kv.device)
    for h in range(g * group_size):
        out[:, h] = kv[:, h // group_size]
    return out


EXPECTED_CAUSE = "your result follows torch's default dtype"
