# Correct: torch.roll by half a head, then the first half negated, builds cat(-x2, x1)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    rot = torch.roll(x, head_dim // 2, dims=-1)
    rot[..., : head_dim // 2] = -rot[..., : head_dim // 2]
    return x * cos[offset : offset + num_tokens] + rot * sin[offset : offset + num_tokens]
