# MUTANT: rebuilds the tables from their first half with repeat_interleave (theta_0, theta_0, ...).
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens, : head_dim // 2].repeat_interleave(2, dim=-1)
    sin = sin[offset : offset + num_tokens, : head_dim // 2].repeat_interleave(2, dim=-1)
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "the angles are repeated pairwise"
