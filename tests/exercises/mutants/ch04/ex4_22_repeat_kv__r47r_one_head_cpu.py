# MUTANT: a branch for one K/V head (multi-query attention) fills a buffer made with
# dtype=kv.dtype but without device=: on a GPU that case leaves it (or the copy fails)
import torch

EXPECTED_CAUSE = "a branch for num_kv_groups == 1"


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    if g == 1:
        out = torch.empty(b, group_size, t, d, dtype=kv.dtype)
        out[:] = kv
        return out
    return torch.repeat_interleave(kv, group_size, dim=1)
