# Correct: a guard on the tables' values (a branch on data, which the meta device cannot run)
import torch


def apply_rope(x, cos, sin, offset=0):
    if bool((cos.abs() > 1.0 + 1e-6).any()):
        raise ValueError("cos table out of range")
    n, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset:offset + n], sin[offset:offset + n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s
