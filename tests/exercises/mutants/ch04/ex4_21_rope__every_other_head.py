# MUTANT: the rotation applied to every other head only (x[:, ::2]), the rest left unrotated
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset : offset + n], sin[offset : offset + n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    out = x.clone()
    out[:, ::2] = (x * c + torch.cat((-x2, x1), dim=-1) * s)[:, ::2]
    return out


EXPECTED_CAUSE = "those are x unchanged, never rotated"
