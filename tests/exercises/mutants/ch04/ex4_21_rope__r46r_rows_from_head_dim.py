# MUTANT: the number of table rows read from x.shape[-1] (head_dim) instead of x.shape[-2],
# then cut to the tokens: right while num_tokens <= head_dim, a crash beyond.
import torch


def apply_rope(x, cos, sin, offset=0):
    b, h, t, d = x.shape
    n = x.shape[-1]  # number of positions
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    c = cos[offset : offset + n][:t]
    s = sin[offset : offset + n][:t]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "the number of rows comes from x.shape[-1] (head_dim)"
