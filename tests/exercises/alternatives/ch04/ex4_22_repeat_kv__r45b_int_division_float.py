# Right: head index from float division then .long() (truncation equals floor for non-
# negative)
import torch


def repeat_kv(kv, group_size):
    H = kv.shape[1] * group_size
    idx = (torch.arange(H, device=kv.device) / group_size).long()
    return kv[:, idx]
