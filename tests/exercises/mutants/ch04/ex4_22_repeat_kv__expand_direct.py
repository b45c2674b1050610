# Mutant: kv.expand(b, g * group_size, t, d) on the heads axis itself.
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv.expand(b, g * group_size, t, d)


EXPECTED_CAUSE = 'expand only stretches dimensions of size 1'
