# Mutant: the per-half form with the second half's sin sign flipped.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    c = cos[offset:offset + n, : d // 2]
    s = sin[offset:offset + n, : d // 2]
    return torch.cat((x1 * c - x2 * s, x2 * c - x1 * s), dim=-1)


EXPECTED_CAUSE = 'the rotated half is cat(-x2, -x1)'
