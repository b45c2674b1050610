# Mutant: new axis after the tokens: expand (b, g, t, group, d), then reshape(b, g * group, t, d).
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv[:, :, :, None].expand(b, g, t, group_size, d).reshape(b, g * group_size, t, d)


EXPECTED_CAUSE = 'holds exactly the right values, in other places'
