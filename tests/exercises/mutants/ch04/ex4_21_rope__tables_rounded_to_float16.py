# MUTANT: the cos and sin tables cast to float16 before use
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos, sin = cos.half(), sin.half()
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "the tables were rounded to torch.float16"
