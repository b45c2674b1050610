# MUTANT: x.view(-1, T, d) merges batch and heads: fails on queries after transpose(1, 2)
import torch


def apply_rope(x, cos, sin, offset=0):
    shape = x.shape
    num_tokens, head_dim = shape[-2], shape[-1]
    flat = x.view(-1, num_tokens, head_dim)
    x1, x2 = flat[..., : head_dim // 2], flat[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    out = flat * cos + torch.cat((-x2, x1), dim=-1) * sin
    return out.view(shape)


EXPECTED_CAUSE = "before RoPE), and .view cannot merge dimensions"
