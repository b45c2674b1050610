# MUTANT: heads repeated in float16 and cast back, so float32/float64 values are rounded
import torch


def repeat_kv(kv, group_size):
    out = torch.repeat_interleave(kv.half(), group_size, dim=1)
    return out.to(kv.dtype)

EXPECTED_CAUSE = "rounded to float16: the heads went through float16 and back"
