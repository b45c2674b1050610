# Correct: a rotate_half helper with chunk, narrow() for the rows, explicit broadcast dims
import torch


def _rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.size(-2)
    cos = cos.narrow(0, offset, num_tokens)[None, None, :, :]  # (1, 1, num_tokens, head_dim)
    sin = sin.narrow(0, offset, num_tokens)[None, None, :, :]
    return (x * cos) + (_rotate_half(x) * sin)
