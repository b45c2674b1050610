# MUTANT: the halves cut at cos.shape[0] // 2 (half the tables' length), not head_dim // 2
import torch

EXPECTED_CAUSE = "cut at cos.shape[0] // 2"


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    half = cos.shape[0] // 2
    x1, x2 = x[..., :half], x[..., half:]
    cos, sin = cos[offset : offset + num_tokens], sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
