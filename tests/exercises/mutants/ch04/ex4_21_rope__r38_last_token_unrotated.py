# MUTANT: the last token is left unrotated (rows sliced one short)
import torch


def apply_rope(x, cos, sin, offset=0):
    T, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset : offset + T - 1], sin[offset : offset + T - 1]
    head, last = x[..., : T - 1, :], x[..., T - 1 :, :]
    x1, x2 = head[..., : d // 2], head[..., d // 2 :]
    return torch.cat((head * c + torch.cat((-x2, x1), dim=-1) * s, last), dim=-2)


EXPECTED_CAUSE = "token [4] came back unrotated"
