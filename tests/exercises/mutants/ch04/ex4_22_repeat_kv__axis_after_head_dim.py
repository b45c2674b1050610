# MUTANT: new axis added at the end, expanded, then reshaped: values scrambled inside head_dim
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv.unsqueeze(-1).expand(b, g, t, d, group_size).reshape(b, g * group_size, t, d)


EXPECTED_CAUSE = "the repeat axis is inserted in the wrong spot"
