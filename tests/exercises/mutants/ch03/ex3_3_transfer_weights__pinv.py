# MUTANT: the pseudo-inverse of each weight instead of its transpose
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        for name in ("W_query", "W_key", "W_value"):
            getattr(sa_v1, name).copy_(torch.linalg.pinv(getattr(sa_v2, name).weight))
    return sa_v1


EXPECTED_CAUSE = "(pseudo-)inverse"
