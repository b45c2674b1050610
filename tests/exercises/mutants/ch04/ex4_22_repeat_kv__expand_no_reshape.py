# Mutant: expand without the final reshape (returns 5-D).
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv[:, :, None].expand(b, g, group_size, t, d)


EXPECTED_CAUSE = 'the copies sit on an axis of their own'
