# MUTANT: the final reshape names (head_dim, num_tokens) in the wrong order
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = kv[:, :, None].expand(b, g, group_size, t, d)
    return out.reshape(b, g * group_size, d, t)


EXPECTED_CAUSE = "the final reshape or view names them in the wrong order"
