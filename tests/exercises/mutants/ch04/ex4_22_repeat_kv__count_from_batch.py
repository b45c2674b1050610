# Mutant: repeat count read from kv.shape[0] (the batch) instead of group_size.
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, kv.shape[0], dim=1)


EXPECTED_CAUSE = "repeated each head batch = kv.shape[0]"
