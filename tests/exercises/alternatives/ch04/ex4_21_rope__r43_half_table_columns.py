# Correct: the first half of the table columns on each half (Llama's tables repeat angles)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    x1, x2 = x[..., :half], x[..., half:]
    c = cos[offset : offset + num_tokens, :half]
    s = sin[offset : offset + num_tokens, :half]
    return torch.cat((x1 * c - x2 * s, x2 * c + x1 * s), dim=-1)
