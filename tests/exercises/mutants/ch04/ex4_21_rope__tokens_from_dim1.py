# MUTANT: num_tokens read from dim 1 (heads).
"""Exercise 4.21 (solution, bonus): apply rotary position embeddings to queries or keys."""

import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[1], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin

EXPECTED_CAUSE = 'num_tokens is x.shape[-2]'  # named in the message
