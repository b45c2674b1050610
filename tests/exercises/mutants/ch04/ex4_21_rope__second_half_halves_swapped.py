# MUTANT: per-half form with x1 and x2 swapped in the second half: x1 * cos + x2 * sin
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    h = head_dim // 2
    x1, x2 = x[..., :h], x[..., h:]
    c = cos[offset : offset + num_tokens, :h]
    s = sin[offset : offset + num_tokens, h:]
    return torch.cat((x1 * c - x2 * s, x1 * c + x2 * s), dim=-1)


EXPECTED_CAUSE = "x1 and x2 swapped in the second half"
