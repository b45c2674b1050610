# MUTANT: positions kept in a module-level arange of the first call's length
import torch

_POS = {}


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    if "pos" not in _POS:
        _POS["pos"] = torch.arange(num_tokens)
    pos = _POS["pos"][:num_tokens] + offset
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    return x * cos[pos] + torch.cat((-x2, x1), dim=-1) * sin[pos]


EXPECTED_CAUSE = "keeps state between calls"
