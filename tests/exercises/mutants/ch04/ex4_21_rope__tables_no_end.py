# MUTANT: tables sliced cos[offset:] without an end.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset:]
    sin = sin[offset:]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin

EXPECTED_CAUSE = 'all from the offset to the end'
