# MUTANT: query head h indexed with h % group_size instead of h // group_size
import torch


def repeat_kv(kv, group_size):
    g = kv.shape[1]
    idx = torch.tensor([h % group_size for h in range(g * group_size)])
    return kv[:, idx]


EXPECTED_CAUSE = "h % group_size go past it"
