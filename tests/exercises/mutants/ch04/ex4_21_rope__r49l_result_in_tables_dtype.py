# MUTANT: the result is cast to the tables dtype (.type_as(cos)): float32 x, bf16 tables give bf16
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return (x * cos + torch.cat((-x2, x1), dim=-1) * sin).type_as(cos)


EXPECTED_CAUSE = "the result takes the tables' dtype"
