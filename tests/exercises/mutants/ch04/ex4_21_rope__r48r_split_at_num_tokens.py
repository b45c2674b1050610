# MUTANT: the halves cut at num_tokens (x.shape[-2]) instead of head_dim // 2
import torch


def apply_rope(x, cos, sin, offset=0):
    n = x.shape[-2]
    x1, x2 = x[..., :n], x[..., n:]
    cos, sin = cos[offset:offset + n], sin[offset:offset + n]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "split at num_tokens = x.shape[-2]"
