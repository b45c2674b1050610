# MUTANT: repeated by a product with a float32 ones tensor (bfloat16 kv promoted)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    ones = torch.ones(1, 1, group_size, 1, 1)
    return (kv[:, :, None] * ones).reshape(b, g * group_size, t, d)


EXPECTED_CAUSE = "a product with it, promoted"
