# MUTANT: the rotated result rolled by one along the heads (the fallback names the roll)
import torch

EXPECTED_CAUSE = "one position later along dim 1 (heads)"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return (x * cos + torch.cat((-x2, x1), dim=-1) * sin).roll(1, dims=1)
