# MUTANT: positions made in float16 (torch.arange(..., dtype=torch.float16) + offset), so rows
# past position 2048 are rounded to even numbers
import torch


def apply_rope(x, cos, sin, offset=0):
    T, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(T, device=x.device, dtype=torch.float16) + offset
    rows = pos.long()
    c, s = cos[rows], sin[rows]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "positions rounded to float16"
