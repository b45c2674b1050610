# MUTANT: the halves cut at num_heads (x.shape[1]) instead of head_dim // 2
import torch


def apply_rope(x, cos, sin, offset=0):
    b, heads, n, d = x.shape
    x1, x2 = x[..., :heads], x[..., heads:]
    cos, sin = cos[offset:offset + n], sin[offset:offset + n]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "split at num_heads = x.shape[1]"
