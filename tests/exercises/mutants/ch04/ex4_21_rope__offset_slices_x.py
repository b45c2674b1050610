# MUTANT: the offset slices x itself (x[..., offset:, :]) instead of choosing table rows
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    x = x[..., offset:, :]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[: x.shape[-2]]
    sin = sin[: x.shape[-2]]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "as if the offset cut the first tokens off x"
