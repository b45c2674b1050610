# MUTANT: the second half is cut one dimension early (x2 = x[..., half - 1 : -1])
import torch

EXPECTED_CAUSE = "x2 is cut one dimension early"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    x1, x2 = x[..., :half], x[..., half - 1 : -1]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
