# MUTANT: x.split(2, dim=-1) (chunks of size 2) instead of chunk(2): only works for head_dim 4
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    x1, x2 = x.split(2, dim=-1)
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "cuts pieces of SIZE 2"
