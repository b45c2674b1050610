# MUTANT: positions past the tables are clamped to the last row instead of failing
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    # positions past the table reuse its last row instead of crashing
    pos = (offset + torch.arange(num_tokens, device=x.device)).clamp(max=cos.shape[0] - 1)
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    return x * cos[pos] + torch.cat((-x2, x1), dim=-1) * sin[pos]


EXPECTED_CAUSE = "your positions are clamped to the last row"
