# Mutant: offset defaults to 1.
import torch


def apply_rope(x, cos, sin, offset=1):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., :d//2], x[..., d//2:]
    c, s = cos[offset:offset+n], sin[offset:offset+n]
    return x * c + torch.cat((-x2, x1), -1) * s


EXPECTED_CAUSE = 'its default must be 0'
