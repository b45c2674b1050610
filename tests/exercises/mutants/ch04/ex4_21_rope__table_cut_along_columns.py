# MUTANT: table sliced along the columns (cos[:, offset:...]).
"""Exercise 4.21 (solution, bonus): apply rotary position embeddings to queries or keys."""

import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[:, offset : offset + num_tokens]
    sin = sin[:, offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'cut along their columns'
