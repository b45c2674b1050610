# MUTANT: every token rotated by the last position's row (the decode-step habit).
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    pos = offset + num_tokens - 1
    return x * cos[pos] + torch.cat((-x2, x1), dim=-1) * sin[pos]


EXPECTED_CAUSE = "by other angles"
