# MUTANT: x is lifted to float32 for float16 alone (fear of overflow) and never cast back
import torch


def apply_rope(x, cos, sin, offset=0):
    if x.dtype == torch.float16:  # float16 overflows easily: rotate in float32
        x = x.float()
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "a branch for float16 alone"
