# MUTANT: x.squeeze() at the start drops the batch (and a single head) when they are 1, so a batch
#   of one comes back without its batch axis
import torch


def apply_rope(x, cos, sin, offset=0):
    x = x.squeeze()
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
EXPECTED_CAUSE = "a squeeze() (or x[0]) drops every size-1 dim"
