# Mutant: x * cos - cat(-x2, x1) * sin: the sin term subtracted (rotation reversed).
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    cos, sin = cos[offset : offset + n], sin[offset : offset + n]
    return x * cos - torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'the sign of the sin term'
