# MUTANT: kv.view(b * g, t, d) merges batch and heads: fails on a transposed kv
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    flat = kv.view(b * g, t, d)
    out = torch.repeat_interleave(flat, group_size, dim=0)
    return out.view(b, g * group_size, t, d)


EXPECTED_CAUSE = "kv is not contiguous here"
