# MUTANT: the per-half form with the second half's angles read one row later (cos/sin rows offset
# + 1 for x2's output)
import torch


def apply_rope(x, cos, sin, offset=0):
    T, d = x.shape[-2], x.shape[-1]
    h = d // 2
    x1, x2 = x[..., :h], x[..., h:]
    c, s = cos[offset : offset + T, :h], sin[offset : offset + T, :h]
    c2, s2 = cos[offset + 1 : offset + T + 1, :h], sin[offset + 1 : offset + T + 1, :h]
    return torch.cat((x1 * c - x2 * s, x2 * c2 + x1 * s2), dim=-1)


EXPECTED_CAUSE = "that half reads the tables +1 rows off"
