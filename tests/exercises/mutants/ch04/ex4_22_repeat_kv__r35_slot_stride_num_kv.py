# MUTANT: a loop fills slot g * num_kv_groups + j, not g * group_size + j (some slots stay 0)
import torch

EXPECTED_CAUSE = "puts copy j of K/V head g at slot g * num_kv_groups + j"


def repeat_kv(kv, group_size):
    b, n_kv, t, d = kv.shape
    out = torch.zeros(b, n_kv * group_size, t, d, dtype=kv.dtype, device=kv.device)
    for g in range(n_kv):
        for j in range(group_size):
            out[:, g * n_kv + j] = kv[:, g]
    return out
