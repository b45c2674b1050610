# Mutant: the per-half form reading every second column of the tables.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    c = cos[offset:offset + n, ::2]
    s = sin[offset:offset + n, ::2]
    return torch.cat((x1 * c - x2 * s, x2 * c + x1 * s), dim=-1)


EXPECTED_CAUSE = 'every second column of the tables'
