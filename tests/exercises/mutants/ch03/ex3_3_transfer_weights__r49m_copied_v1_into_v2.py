# MUTANT: copies sa_v1's matrices into sa_v2 (outputs agree, but sa_v2's weights are overwritten)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v2.W_query.weight.copy_(sa_v1.W_query.T)
        sa_v2.W_key.weight.copy_(sa_v1.W_key.T)
        sa_v2.W_value.weight.copy_(sa_v1.W_value.T)
    return sa_v1


EXPECTED_CAUSE = "you copied in the wrong direction"
