# Correct: copying v2's weight into the transposed view of v1's parameter writes the same values
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.T.copy_(sa_v2.W_query.weight)
        sa_v1.W_key.T.copy_(sa_v2.W_key.weight)
        sa_v1.W_value.T.copy_(sa_v2.W_value.weight)
    return sa_v1
