# Correct: the rotation written per half with both halves of the tables, joined with cat
import torch


def apply_rope(x, cos, sin, offset=0):
    t, d = x.shape[-2:]
    half = d // 2
    c = cos[offset : offset + t]  # (t, d)
    s = sin[offset : offset + t]  # (t, d)
    x1, x2 = x[..., :half], x[..., half:]
    first = x1 * c[:, :half] - x2 * s[:, :half]
    second = x2 * c[:, half:] + x1 * s[:, half:]
    return torch.cat([first, second], dim=-1)
