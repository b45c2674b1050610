# Mutant: the halves taken along the tokens, chunk(2, dim=-2).
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    cos, sin = cos[offset:offset + n], sin[offset:offset + n]
    x1, x2 = x.chunk(2, dim=-2)
    return x * cos + torch.cat((-x2, x1), dim=-2) * sin


EXPECTED_CAUSE = 'halves are taken along the tokens'
