# MUTANT: the halves are taken along the heads (x.chunk(2, dim=1), cat on dim=1), not head_dim.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    x1, x2 = x.chunk(2, dim=1)
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=1) * sin


EXPECTED_CAUSE = "the halves are taken along the heads"
