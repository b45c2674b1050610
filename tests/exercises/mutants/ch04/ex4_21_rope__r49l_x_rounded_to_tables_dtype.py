# MUTANT: x is cast to the tables' dtype for the rotation and back, rounding float32 queries
import torch


def apply_rope(x, cos, sin, offset=0):
    dtype = x.dtype
    x = x.to(cos.dtype)  # rotate in the tables' dtype
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return (x * cos + torch.cat((-x2, x1), dim=-1) * sin).to(dtype)


EXPECTED_CAUSE = "x was cast to the tables' dtype (bfloat16) for the rotation"
