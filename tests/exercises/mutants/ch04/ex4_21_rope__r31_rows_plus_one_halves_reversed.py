# MUTANT: two slips: table rows offset + 1 and the output halves joined in reverse
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    x1, x2 = x[..., :half], x[..., half:]
    c = cos[offset + 1 : offset + 1 + num_tokens, :half]
    s = sin[offset + 1 : offset + 1 + num_tokens, :half]
    return torch.cat((x2 * c + x1 * s, x1 * c - x2 * s), dim=-1)


EXPECTED_CAUSE = "yours is rotated with the rows 1 .. 5"
