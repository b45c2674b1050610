# Correct: insert the group axis with .view (valid on a transposed kv), expand, reshape
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv.view(b, g, 1, t, d).expand(b, g, group_size, t, d).reshape(b, g * group_size, t, d)
