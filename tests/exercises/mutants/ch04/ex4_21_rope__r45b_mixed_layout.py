# MUTANT: halves taken as even/odd dimensions (x[..., ::2], x[..., 1::2], GPT-J style) but joined
# Llama-style with cat, so dimensions are permuted
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens = x.shape[-2]
    x1, x2 = x[..., ::2], x[..., 1::2]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return torch.cat((x1, x2), dim=-1) * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "joined them Llama-style"
