# MUTANT: GPT-NeoX partial rotary copied: only the first half of head_dim rotated, rest passed
import torch


def apply_rope(x, cos, sin, offset=0, rotary_fraction=0.5):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    rot_dim = int(head_dim * rotary_fraction)
    x_rot, x_pass = x[..., :rot_dim], x[..., rot_dim:]
    half = rot_dim // 2
    x1, x2 = x_rot[..., :half], x_rot[..., half:]
    c = torch.cat((cos[offset : offset + num_tokens, :half],) * 2, dim=-1)
    s = torch.cat((sin[offset : offset + num_tokens, :half],) * 2, dim=-1)
    rotated = x_rot * c + torch.cat((-x2, x1), dim=-1) * s
    return torch.cat((rotated, x_pass), dim=-1)

EXPECTED_CAUSE = "only part of head_dim was rotated"
