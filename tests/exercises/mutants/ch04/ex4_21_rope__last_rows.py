# Mutant: the table rows taken from its end, cos[-num_tokens:].
import torch


def apply_rope(x, cos, sin, offset=0):
    n, d = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    cos, sin = cos[-n:], sin[-n:]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'from the END of the table'
