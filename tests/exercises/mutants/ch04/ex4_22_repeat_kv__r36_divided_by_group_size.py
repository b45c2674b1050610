# MUTANT: every repeated head divided by group_size (the head shared among its query heads)
import torch

EXPECTED_CAUSE = "0.3333 times the expected"


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1) / group_size
