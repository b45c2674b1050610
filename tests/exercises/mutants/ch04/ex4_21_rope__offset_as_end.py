# Mutant: treats offset as the last position: rows offset-num_tokens..offset-1.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    start = max(offset - n, 0) if offset else 0
    cos, sin = cos[start : start + n], sin[start : start + n]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'the rows end at the offset'
