# Mutant: the per-half form rotates x1 and returns x2 unchanged.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, h = x.shape[-2], x.shape[-1] // 2
    c, s = cos[offset:offset + n, :h], sin[offset:offset + n, :h]
    x1, x2 = x[..., :h], x[..., h:]
    return torch.cat((x1 * c - x2 * s, x2), dim=-1)


EXPECTED_CAUSE = "only the first half is rotated"
