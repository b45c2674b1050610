# MUTANT: transposes only when the shapes differ, so square weights (d_in == d_out) are copied
# untransposed
import torch

EXPECTED_CAUSE = "W_query was copied without transposing"


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        for name in ("W_query", "W_key", "W_value"):
            target = getattr(sa_v1, name)
            w = getattr(sa_v2, name).weight
            target.copy_(w if w.shape == target.shape else w.T)
    return sa_v1
