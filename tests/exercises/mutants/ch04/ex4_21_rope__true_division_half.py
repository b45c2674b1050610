# Mutant: head_dim / 2, a float, as a slice bound.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., :d / 2], x[..., d / 2:]
    return x * cos[offset:offset+n] + torch.cat((-x2, x1), -1) * sin[offset:offset+n]


EXPECTED_CAUSE = "use integer division"
