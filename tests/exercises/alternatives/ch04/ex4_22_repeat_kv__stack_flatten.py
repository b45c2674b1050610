# Alternative: stack group_size copies on a new axis right after the heads, then flatten the two.
import torch


def repeat_kv(kv, group_size):
    return torch.stack([kv] * group_size, dim=2).flatten(1, 2)
