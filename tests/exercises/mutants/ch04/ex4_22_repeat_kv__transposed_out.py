# Mutant: returns (batch, tokens, heads, head_dim): transposed after repeating.
import torch


def repeat_kv(kv, group_size):
    return kv.repeat_interleave(group_size, dim=1).transpose(1, 2)


EXPECTED_CAUSE = 'the heads and tokens are swapped'
