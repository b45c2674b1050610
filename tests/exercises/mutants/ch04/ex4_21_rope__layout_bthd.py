# Mutant: x read as (batch, tokens, heads, head_dim); the rows broadcast over the heads.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[1], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    cos = cos[offset:offset + n][:, None, :]
    sin = sin[offset:offset + n][:, None, :]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'each HEAD got its own position'
