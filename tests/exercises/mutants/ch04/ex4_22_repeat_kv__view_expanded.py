# Mutant: .view on an expanded tensor (crashes; .reshape copies).
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv[:, :, None].expand(b, g, group_size, t, d).view(b, g * group_size, t, d)


EXPECTED_CAUSE = 'so .view cannot merge'
