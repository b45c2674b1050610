# MUTANT: v1's parameters addressed as sa_v1.W_query.weight (v1 holds plain nn.Parameter matrices)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.weight.copy_(sa_v2.W_query.weight.T)
        sa_v1.W_key.weight.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.weight.copy_(sa_v2.W_value.weight.T)
    return sa_v1

EXPECTED_CAUSE = "sa_v1.W_query is itself the matrix"
