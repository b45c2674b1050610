# Mutant: sin in both terms.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    s = sin[offset:offset + n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * s + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "both terms use sin"
