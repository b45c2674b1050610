# Correct: the table rows cast to x's dtype before the products (bfloat16 x stays bfloat16)
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    c = cos[offset : offset + n].to(x.dtype)
    s = sin[offset : offset + n].to(x.dtype)
    return x * c + torch.cat((-x2, x1), dim=-1) * s
