# Correct: loop over the K/V heads, each repeated with a list, then torch.cat
import torch


def repeat_kv(kv, group_size):
    heads = []
    for g in range(kv.shape[1]):
        heads.extend([kv[:, g : g + 1]] * group_size)
    return torch.cat(heads, dim=1)
