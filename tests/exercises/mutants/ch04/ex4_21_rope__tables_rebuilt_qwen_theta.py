# MUTANT: ignores the given tables and rebuilds them with Qwen3's rope_theta 1e6
import torch

from llmscratch import compute_rope_params


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    cos, sin = compute_rope_params(head_dim, theta_base=1_000_000, context_length=cos.shape[0])
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens].to(x.dtype)
    sin = sin[offset : offset + num_tokens].to(x.dtype)
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = "theta_base = 1,000,000"
