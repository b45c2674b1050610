# MUTANT: a one-token branch (the generation step) computes in float32 and returns float32
# for a bfloat16 model; prompts of several tokens keep their dtype
import torch

EXPECTED_CAUSE = "a branch for one token"


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    if num_tokens == 1:  # generation step: one token, keep precision
        x = x.float()
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2:]
    c = cos[offset: offset + num_tokens].to(x.dtype)
    s = sin[offset: offset + num_tokens].to(x.dtype)
    return x * c + torch.cat((-x2, x1), dim=-1) * s
