# MUTANT: x cast to float32 "for precision": float64 inputs lose precision
import torch

EXPECTED_CAUSE = "right in float32 but not to float64"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    x, x1, x2 = x.float(), x1.float(), x2.float()  # precision
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
