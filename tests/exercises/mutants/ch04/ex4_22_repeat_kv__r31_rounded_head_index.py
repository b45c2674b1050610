# MUTANT: the K/V head index rounded, round(h / group_size), not floored
import torch


def repeat_kv(kv, group_size):

    num_heads = kv.shape[1] * group_size
    idx = torch.round(torch.arange(num_heads) / group_size).long().clamp(max=kv.shape[1] - 1)
    return kv[:, idx]


EXPECTED_CAUSE = "rounded, not floored"
