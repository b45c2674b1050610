# MUTANT: weights rounded to 4 decimals (as printed) before the copy
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T.round(decimals=4))
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T.round(decimals=4))
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T.round(decimals=4))
    return sa_v1


EXPECTED_CAUSE = 'rounded to 4 decimals'
