# MUTANT: the sin factor read from the cos table, one row later
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    c = cos[offset : offset + num_tokens]
    s = cos[offset + 1 : offset + 1 + num_tokens]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "cat(-x2, x1) * cos[1:6]"
