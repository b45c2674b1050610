# MUTANT: a typo in the rotated half, cat(-x2, x2) instead of cat(-x2, x1).
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x2), dim=-1) * sin


EXPECTED_CAUSE = "the rotated half is cat(-x2, x2)"
