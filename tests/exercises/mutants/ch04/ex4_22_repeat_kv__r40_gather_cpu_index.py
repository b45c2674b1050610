# MUTANT: heads gathered with torch.gather and an index built on the CPU (no device=)
import torch


def repeat_kv(kv, group_size):
    b, n, t, d = kv.shape
    idx = (torch.arange(n * group_size) // group_size).view(1, -1, 1, 1).expand(b, -1, t, d)
    return torch.gather(kv, 1, idx)


EXPECTED_CAUSE = "hands torch.gather an index on the cpu"
