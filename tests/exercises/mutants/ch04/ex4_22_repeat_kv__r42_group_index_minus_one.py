# MUTANT: query head h reads K/V head h // group_size - 1 (off by one; -1 wraps to the
# last head), which for two K/V heads looks like the heads reversed
import torch


def repeat_kv(kv, group_size):
    num_heads = kv.shape[1] * group_size
    index = [h // group_size - 1 for h in range(num_heads)]
    return kv[:, index]


EXPECTED_CAUSE = "every head index one too low"
