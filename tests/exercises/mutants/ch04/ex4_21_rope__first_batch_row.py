# MUTANT: keeps only the first batch row (x[0:1]), a batch-of-one assumption.
import torch


def apply_rope(x, cos, sin, offset=0):
    x = x[0:1]
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "the code assumes batch 1"
