# MUTANT: rotate_half built with torch.flip, which also reverses inside the halves.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset : offset + n], sin[offset : offset + n]
    rot = torch.flip(x, dims=[-1])
    rot = torch.cat((-rot[..., : d // 2], rot[..., d // 2 :]), dim=-1)
    return x * c + rot * s


EXPECTED_CAUSE = "its first half negated, and flip"
