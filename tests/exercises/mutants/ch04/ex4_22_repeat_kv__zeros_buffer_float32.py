# MUTANT: output buffer from torch.zeros (float32 default) filled in a loop: loses kv's dtype
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = torch.zeros(b, g * group_size, t, d)
    for h in range(g * group_size):
        out[:, h] = kv[:, h // group_size]
    return out


EXPECTED_CAUSE = "without dtype=, which takes torch's default dtype"
