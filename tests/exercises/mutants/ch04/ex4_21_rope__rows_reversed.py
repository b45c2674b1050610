# Mutant: the rows of the tables taken in reverse order.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset:offset + n].flip(0), sin[offset:offset + n].flip(0)
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "rotated with the rows [4, 3, 2, 1, 0]"
