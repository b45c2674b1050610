# MUTANT: table slices cached by offset, so a later call with other tables/lengths reuses old rows
import torch

_CACHE = {}


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    if offset not in _CACHE:
        _CACHE[offset] = (cos[offset : offset + n], sin[offset : offset + n])
    c, s = _CACHE[offset]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "your code keeps state between calls"
