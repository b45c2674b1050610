# MUTANT: batch and heads flattened together, the copies tiled, then reshaped
import torch


def repeat_kv(kv, group_size):
    b, g, n, d = kv.shape
    return kv.flatten(0, 1).repeat(group_size, 1, 1).reshape(b, g * group_size, n, d)


EXPECTED_CAUSE = "the batch is mixed into the heads"
