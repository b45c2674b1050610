# MUTANT: tables unsqueezed at dim 1 (copied from a (batch, tokens, heads, dim) blog), so positions
#         broadcast along the heads
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens].unsqueeze(1)
    sin = sin[offset : offset + num_tokens].unsqueeze(1)
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "the rows got a new axis after them"
