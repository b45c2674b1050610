# MUTANT: .T taken of the nn.Linear module itself (sa_v2.W_query.T), not of its weight
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.T)
        sa_v1.W_key.copy_(sa_v2.W_key.T)
        sa_v1.W_value.copy_(sa_v2.W_value.T)
    return sa_v1

EXPECTED_CAUSE = "is an nn.Linear layer, not a tensor"
