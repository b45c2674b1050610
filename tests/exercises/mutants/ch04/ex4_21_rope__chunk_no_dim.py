# MUTANT: x.chunk(2) without dim=-1 splits the batch, not head_dim.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    x1, x2 = x.chunk(2)
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "x was not split along its last dimension"
