# MUTANT: the offset parameter named start_pos (Meta's Llama name); callers pass offset= by name
import torch

EXPECTED_CAUSE = "must be called offset"


def apply_rope(x, cos, sin, start_pos=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[start_pos : start_pos + num_tokens]
    sin = sin[start_pos : start_pos + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
