# MUTANT: computed and returned in float64 for float32 inputs.
import torch

EXPECTED_CAUSE = 'returned torch.float64 for a torch.float32 input'


def apply_rope(x, cos, sin, offset=0):
    x = x.double()
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens].double()
    sin = sin[offset : offset + num_tokens].double()
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
