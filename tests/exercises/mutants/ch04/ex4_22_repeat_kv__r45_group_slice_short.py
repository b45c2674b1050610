# MUTANT: each group's output slice one head short: the last copy of every K/V head stays 0
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = kv.new_zeros(b, g * group_size, t, d)
    for j in range(g):
        start = j * group_size
        out[:, start : start + group_size - 1] = kv[:, j : j + 1]
    return out

EXPECTED_CAUSE = "exactly the LAST copy of every K/V head"
