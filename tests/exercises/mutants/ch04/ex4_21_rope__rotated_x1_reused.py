# MUTANT: the first half is written back before the second is computed, so the second half uses the
#         rotated x1
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    h = head_dim // 2
    c = cos[offset : offset + num_tokens, :h]
    s = sin[offset : offset + num_tokens, :h]
    out = x.clone()
    out[..., :h] = out[..., :h] * c - out[..., h:] * s
    out[..., h:] = out[..., h:] * c + out[..., :h] * s
    return out


EXPECTED_CAUSE = "the ALREADY ROTATED first half"
