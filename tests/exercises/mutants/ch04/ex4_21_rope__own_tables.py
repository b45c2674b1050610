# Mutant: the given tables ignored; new ones built with theta 10,000.
import torch

from llmscratch import compute_rope_params


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    cos, sin = compute_rope_params(d, 10_000, offset + n)
    cos, sin = cos[offset:offset + n], sin[offset:offset + n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'tables built with theta_base = 10,000'
