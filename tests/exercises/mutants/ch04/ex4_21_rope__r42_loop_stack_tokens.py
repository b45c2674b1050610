# MUTANT: tokens rotated one by one and stacked; crashes on an input with no tokens
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    rows = []
    for t in range(num_tokens):
        xt = x[:, :, t, :]
        rotated = torch.cat((-xt[..., half:], xt[..., :half]), dim=-1)
        rows.append(xt * cos[offset + t] + rotated * sin[offset + t])
    return torch.stack(rows, dim=2)


EXPECTED_CAUSE = "fails on a list of none"
