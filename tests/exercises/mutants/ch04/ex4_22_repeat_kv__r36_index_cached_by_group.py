# MUTANT: the head index cached by group_size only (a stale index for other head counts)
import torch

EXPECTED_CAUSE = "keeps state between calls"

_INDEX = {}


def repeat_kv(kv, group_size):
    if group_size not in _INDEX:
        num_heads = kv.shape[1] * group_size
        _INDEX[group_size] = torch.arange(num_heads) // group_size
    return kv[:, _INDEX[group_size].to(kv.device)]
