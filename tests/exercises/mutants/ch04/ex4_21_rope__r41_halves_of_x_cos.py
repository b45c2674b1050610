# MUTANT: x is reassigned to x * cos before the halves are cut, so the sin term rotates x * cos.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    out = x * cos
    x = out
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    return out + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "were cut from x * cos, not from x"
