# MUTANT: rows offset+1 .. offset+num_tokens (off by one).
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    c, s = cos[offset + 1:offset + n + 1], sin[offset + 1:offset + n + 1]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = 'off by one'
