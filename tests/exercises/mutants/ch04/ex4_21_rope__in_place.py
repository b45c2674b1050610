# MUTANT: writes the result into x in place (the caller's queries/keys are changed)
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    cos, sin = cos[offset : offset + n], sin[offset : offset + n]
    rotated = torch.cat((-x[..., d // 2 :], x[..., : d // 2]), dim=-1)
    x.mul_(cos).add_(rotated * sin)
    return x


EXPECTED_CAUSE = 'changed x in place'
