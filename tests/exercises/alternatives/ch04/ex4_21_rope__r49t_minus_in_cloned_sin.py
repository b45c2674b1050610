# Right: the minus of -x2 folded into a cloned slice of sin (the caller's table is untouched)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens].clone()
    sin[..., : head_dim // 2] *= -1
    return x * cos + torch.cat((x2, x1), dim=-1) * sin
