# MUTANT: sin rows read one step behind cos (offset - 1 for sin only)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[max(offset - 1, 0) : max(offset - 1, 0) + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "cos from the rows [3, 4, 5, 6] and sin from the rows [2, 3, 4, 5]"
