# MUTANT: table rows 0 .. num_tokens - 1 whatever the offset (right at offset 0)
import torch

EXPECTED_CAUSE = "the positions start at 0 whatever the offset"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[:num_tokens]
    sin = sin[:num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
