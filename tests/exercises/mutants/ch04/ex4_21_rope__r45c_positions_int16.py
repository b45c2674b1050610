# MUTANT: positions made as int16 (arange(..., dtype=torch.int16) + offset): past
# 32,767 they wrap negative and read rows from the table's end.
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    pos = torch.arange(num_tokens, dtype=torch.int16, device=x.device) + offset
    pos = pos.to(torch.int16).long()
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    return x * cos[pos] + torch.cat((-x2, x1), dim=-1) * sin[pos]


EXPECTED_CAUSE = "as int16 ones do"
