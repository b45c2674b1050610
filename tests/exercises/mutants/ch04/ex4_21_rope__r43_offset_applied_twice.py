# MUTANT: the offset applied twice (tables cut at offset, then rows offset.. of the cut table)
import torch

EXPECTED_CAUSE = "rotated with the rows [6, 7, 8, 9] of the tables"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    cos, sin = cos[offset:], sin[offset:]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    c = cos[offset : offset + num_tokens]
    s = sin[offset : offset + num_tokens]
    return x * c + torch.cat((-x2, x1), dim=-1) * s
