# MUTANT: float16 heads come back as float32 (a cast for float16 alone)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = kv[:, :, None].expand(b, g, group_size, t, d).reshape(b, g * group_size, t, d)
    return out if out.dtype != torch.float16 else out.float()


EXPECTED_CAUSE = "for a torch.float16 kv: the heads were cast"
