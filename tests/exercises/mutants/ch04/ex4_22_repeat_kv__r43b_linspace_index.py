# MUTANT: head indices spread with linspace and truncated (.long()), not h // group_size
import torch


def repeat_kv(kv, group_size):
    num_kv = kv.shape[1]
    idx = torch.linspace(0, num_kv - 1, num_kv * group_size, device=kv.device).long()
    return kv[:, idx]

EXPECTED_CAUSE = "your output heads copy the K/V heads [0, 0, 0, 0, 0, 1]"
