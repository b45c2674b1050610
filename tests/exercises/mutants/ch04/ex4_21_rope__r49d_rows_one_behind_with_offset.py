# MUTANT: with an offset, rows offset-1 .. offset+num_tokens-2 (one behind).
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    end = offset + num_tokens
    cos = cos[end - num_tokens - 1 : end - 1] if offset else cos[:num_tokens]
    sin = sin[end - num_tokens - 1 : end - 1] if offset else sin[:num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "rows are off by one"
