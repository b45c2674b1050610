# MUTANT: a left-out offset continues where the previous call stopped (kept on the function)
import torch


def apply_rope(x, cos, sin, offset=None):
    if offset is None:
        offset = getattr(apply_rope, "next_pos", 0)
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    apply_rope.next_pos = offset + num_tokens
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin

EXPECTED_CAUSE = "a position carried over from an earlier call"
