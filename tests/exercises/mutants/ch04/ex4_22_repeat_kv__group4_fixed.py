# Mutant: group_size ignored: hard-coded 4 (Llama 3.2 1B's 32/8).
import torch


def repeat_kv(kv, group_size):
    return kv.repeat_interleave(4, dim=1)


EXPECTED_CAUSE = 'so group_size is ignored'
