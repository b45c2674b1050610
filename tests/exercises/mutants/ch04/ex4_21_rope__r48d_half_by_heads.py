# MUTANT: the halves cut at num_heads // 2 (x.shape[1]) instead of head_dim // 2.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    half = x.shape[1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    c = cos[offset : offset + num_tokens]
    s = sin[offset : offset + num_tokens]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "split at num_heads // 2"
