# Correct: rotate_half as torch.roll by head_dim // 2 with the first half negated
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    rot = torch.roll(x, shifts=head_dim // 2, dims=-1)
    sign = torch.ones(head_dim, dtype=x.dtype, device=x.device)
    sign[: head_dim // 2] = -1
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + rot * sign * sin
