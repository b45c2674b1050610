# Correct: the halves taken from x.view(..., 2, head_dim // 2); a view that only splits the last
# dim works on any strides, so a transposed x is fine.
import torch


def apply_rope(x, cos, sin, offset=0):
    b, h, t, d = x.shape
    halves = x.view(b, h, t, 2, d // 2)
    x1, x2 = halves[..., 0, :], halves[..., 1, :]
    cos = cos[offset : offset + t]
    sin = sin[offset : offset + t]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
