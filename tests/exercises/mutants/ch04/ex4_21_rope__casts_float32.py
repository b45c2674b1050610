# Mutant: casts x to float32: float64 input comes back float32 (precision lost).
import torch


def apply_rope(x, cos, sin, offset=0):
    x = x.float()
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    cos, sin = cos[offset : offset + n].float(), sin[offset : offset + n].float()
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "keep x's dtype"
