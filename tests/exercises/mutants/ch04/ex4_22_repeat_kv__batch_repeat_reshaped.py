# MUTANT: repeats along the batch then reshapes to the head count (mixes batches; tiles for batch 1)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv.repeat_interleave(group_size, dim=0).reshape(b, g * group_size, t, d)


EXPECTED_CAUSE = "the heads are tiled"
