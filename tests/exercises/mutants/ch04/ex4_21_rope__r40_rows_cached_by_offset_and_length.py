# MUTANT: table rows cached by (offset, num_tokens): other tables later get the first rows
import torch

_ROWS = {}


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    key = (offset, num_tokens)
    if key not in _ROWS:
        _ROWS[key] = (cos[offset : offset + num_tokens], sin[offset : offset + num_tokens])
    c, s = _ROWS[key]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "rows of an earlier call (its offset=3 and theta_base=500,000)"
