# Mutant: the rows start at offset * num_tokens (the offset read as a block index).
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    start = offset * n
    c, s = cos[start:start + n], sin[start:start + n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "offset * num_tokens"
