# MUTANT: the rotated half rolled by one along head_dim (no replay: the fallback's length test)
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset:offset + n], sin[offset:offset + n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1).roll(1, dims=-1) * s


EXPECTED_CAUSE = "do not keep their length"
