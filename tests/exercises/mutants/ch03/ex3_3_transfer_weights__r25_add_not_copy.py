# MUTANT: add_ instead of copy_ (v2's weights added to v1's random initial weights)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.add_(sa_v2.W_query.weight.T)
        sa_v1.W_key.add_(sa_v2.W_key.weight.T)
        sa_v1.W_value.add_(sa_v2.W_value.weight.T)
    return sa_v1


EXPECTED_CAUSE = 'add_ or += instead of copy_'
