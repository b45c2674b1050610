# MUTANT: positions made on the CPU and read with index_select (fails for CUDA tables).
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    positions = torch.arange(offset, offset + num_tokens)
    c, s = cos.index_select(0, positions), sin.index_select(0, positions)
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    return x * c + torch.cat((-x2, x1), dim=-1) * s


EXPECTED_CAUSE = "hands torch.index_select an index on the cpu for tables"
