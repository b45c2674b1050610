# MUTANT: repeats along the token dimension.
"""Exercise 4.22 (solution, bonus): share key/value heads among query heads (GQA)."""

import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=2)

EXPECTED_CAUSE = 'repeated along the tokens dimension'  # named in the message
