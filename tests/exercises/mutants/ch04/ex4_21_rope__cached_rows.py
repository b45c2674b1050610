# Mutant: the table rows cached by num_tokens from the first call.
import torch

_rows = {}


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    if n not in _rows:
        _rows[n] = (cos[offset:offset + n], sin[offset:offset + n])
    c, s = _rows[n]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "rotated with the rows of an earlier call"
