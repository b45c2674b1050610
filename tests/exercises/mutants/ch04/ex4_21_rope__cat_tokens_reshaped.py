# MUTANT: the rotated half is joined along the tokens (dim=-2) and reshaped back to x's shape.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    rotated = torch.cat((-x2, x1), dim=-2).reshape(x.shape)
    return x * cos + rotated * sin


EXPECTED_CAUSE = "joined along the tokens (torch.cat((-x2, x1), dim=-2)) and reshaped"
