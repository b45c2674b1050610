# Mutant: rotates the halves with the full-width tables (needs head_dim//2 columns): shape error.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    c, s = cos[offset : offset + n], sin[offset : offset + n]
    return torch.cat((x1 * c - x2 * s, x2 * c + x1 * s), dim=-1)


EXPECTED_CAUSE = 'multiplied by the full-width tables'
