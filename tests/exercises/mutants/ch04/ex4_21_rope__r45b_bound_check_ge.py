# MUTANT: an off-by-one bound check (>= instead of >) that raises when the tokens reach the last
# row of the tables
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    if offset + num_tokens >= cos.shape[0]:
        raise ValueError("sequence longer than the rotary tables")
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "a bound check one too strict"
