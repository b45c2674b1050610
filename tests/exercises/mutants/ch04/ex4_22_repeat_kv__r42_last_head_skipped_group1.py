# MUTANT: a loop over the output heads that stops one short when group_size == 1, leaving the
# last head of the zero buffer unwritten
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = torch.zeros(b, g * group_size, t, d, dtype=kv.dtype, device=kv.device)
    for h in range(g * group_size - (1 if group_size == 1 else 0)):
        out[:, h] = kv[:, h // group_size]
    return out


EXPECTED_CAUSE = "which group_size=1 must give back as it is"
