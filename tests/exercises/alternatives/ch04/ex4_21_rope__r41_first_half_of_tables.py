# Correct: the per-half form with the first half of each table row (rows hold the angles twice)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    c = cos[offset : offset + num_tokens, :half]
    s = sin[offset : offset + num_tokens, :half]
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat((x1 * c - x2 * s, x2 * c + x1 * s), dim=-1)
