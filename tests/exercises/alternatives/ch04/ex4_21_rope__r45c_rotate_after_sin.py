"""Correct: x * sin rotated after the product: the tables' two halves are equal, so
cat(-(x sin)_2, (x sin)_1) equals cat(-x2, x1) * sin."""
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    xs = x * sin
    return x * cos + torch.cat((-xs[..., half:], xs[..., :half]), dim=-1)
