# MUTANT: a float32 sign vector made inside, so bfloat16 x comes back float32.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    sign = torch.tensor([-1.0] * half + [1.0] * half)
    rotated = torch.roll(x, shifts=half, dims=-1) * sign
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + rotated * sin


EXPECTED_CAUSE = "a tensor made inside without dtype=x.dtype"
