# MUTANT: the minus of cat(-x2, x1) folded into the caller's sin table in place and changed
# back: the values are right, but the backward pass fails (a saved tensor changed)
import torch

EXPECTED_CAUSE = "a slice of a table was changed in place"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    sin[..., :half] *= -1  # fold the minus of cat(-x2, x1) into sin
    out = x * cos + torch.cat((x[..., half:], x[..., :half]), dim=-1) * sin
    sin[..., :half] *= -1  # and put it back
    return out
