# MUTANT: rows counted back from the offset, as if it were the last position
import torch

EXPECTED_CAUSE = "the offset is read as the LAST token's position"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    start = max(offset - num_tokens + 1, 0)
    cos = cos[start : start + num_tokens]
    sin = sin[start : start + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
