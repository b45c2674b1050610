# Mutant: the halves split at num_tokens // 2 instead of head_dim // 2.
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : n // 2], x[..., n // 2 :]
    cos, sin = cos[offset:offset + n], sin[offset:offset + n]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'split at num_tokens // 2'
