# MUTANT: the first half is cut one dimension late (x1 = x[..., 1:half + 1]), an off-by-one split
import torch

EXPECTED_CAUSE = "x1 is cut one dimension late"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    x1, x2 = x[..., 1 : half + 1], x[..., half:]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
