# MUTANT: turns off requires_grad on sa_v2's parameters (to silence the in-place error) and never
# turns it back on: the caller's sa_v2 is frozen
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v2.requires_grad_(False)
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T)
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T)
    return sa_v1


EXPECTED_CAUSE = "the caller's sa_v2 cannot be trained"
