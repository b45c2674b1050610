# MUTANT: head_dim halved twice: the split falls at a quarter of head_dim
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, half = x.shape[-2], x.shape[-1] // 2
    x1, x2 = x[..., : half // 2], x[..., half // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "head_dim halved twice"
