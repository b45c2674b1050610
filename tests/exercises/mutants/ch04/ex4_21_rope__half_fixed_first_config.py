# MUTANT: the halves cut at a fixed 4, right for head_dim 8 only.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    x1, x2 = x[..., :4], x[..., 4:]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "cut at a fixed 4"
