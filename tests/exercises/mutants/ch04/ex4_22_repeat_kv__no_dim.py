# MUTANT: repeat_interleave without dim flattens the tensor.
"""Exercise 4.22 (solution, bonus): share key/value heads among query heads (GQA)."""

import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size)


EXPECTED_CAUSE = 'without dim flattens'
