# Mutant: apply_rope without the offset parameter.
import torch


def apply_rope(x, cos, sin):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * cos[:n] + torch.cat((-x2, x1), dim=-1) * sin[:n]


EXPECTED_CAUSE = "apply_rope takes four arguments"
