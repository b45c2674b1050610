# MUTANT: group_size taken as the total number of heads.
"""Exercise 4.22 (solution, bonus): share key/value heads among query heads (GQA)."""

import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, max(1, group_size // kv.shape[1]), dim=1)

EXPECTED_CAUSE = 'num_kv_groups * group_size'  # named in the message
