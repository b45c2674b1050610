# Mutant: per-half form, the rotated halves joined as (second, first).
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., :d//2], x[..., d//2:]
    c, s = cos[offset:offset+n], sin[offset:offset+n]
    h = d // 2
    a = x1 * c[:, :h] - x2 * s[:, :h]
    b = x2 * c[:, :h] + x1 * s[:, :h]
    return torch.cat((b, a), -1)


EXPECTED_CAUSE = 'joined in the wrong order'
