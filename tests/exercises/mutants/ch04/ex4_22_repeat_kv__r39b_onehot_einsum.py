# MUTANT: heads picked by an einsum with a 0/1 matrix: one head's inf spreads NaN to all.
import torch

EXPECTED_CAUSE = '0 * inf = NaN'


def repeat_kv(kv, group_size):
    g = kv.shape[1]
    heads = torch.arange(g * group_size, device=kv.device) // group_size
    select = (heads[None, :] == torch.arange(g, device=kv.device)[:, None]).to(kv.dtype)
    return torch.einsum("bgnd,gh->bhnd", kv, select)
