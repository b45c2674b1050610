# Mutant: uses the single row cos[offset] for every token.
import torch


def apply_rope(x, cos, sin, offset=0):
    d = x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * cos[offset] + torch.cat((-x2, x1), dim=-1) * sin[offset]


EXPECTED_CAUSE = 'every token is turned by the same angle'
