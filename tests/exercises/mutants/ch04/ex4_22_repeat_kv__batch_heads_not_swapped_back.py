# MUTANT: batch and heads transposed, repeated, reshaped without transposing back (batch mixed)
import torch


def repeat_kv(kv, group_size):
    b, g, n, d = kv.shape
    out = kv.transpose(0, 1).repeat_interleave(group_size, dim=0)
    return out.reshape(b, g * group_size, n, d)


EXPECTED_CAUSE = "from the wrong batch row"
