# MUTANT: pairs adjacent dims (interleaved) instead of halves.
"""Exercise 4.21 (solution, bonus): apply rotary position embeddings to queries or keys."""

import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., 0::2], x[..., 1::2]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.stack((-x2, x1), dim=-1).flatten(-2) * sin


EXPECTED_CAUSE = "interleaved"
