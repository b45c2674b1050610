# MUTANT: the repeated heads are multiplied by 2 (a stray factor)
import torch

EXPECTED_CAUSE = "every value is 2 times the expected"


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1) * 2
