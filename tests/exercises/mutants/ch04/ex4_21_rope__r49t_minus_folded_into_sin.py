# MUTANT: the minus of -x2 folded into the caller's sin table in place (sin[..., :d/2] *= -1).
import torch

EXPECTED_CAUSE = "changed its argument `sin` in place"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    sin[..., : head_dim // 2] *= -1  # fold the minus of -x2 into the table
    return x * cos + torch.cat((x2, x1), dim=-1) * sin
