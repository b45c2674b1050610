# MUTANT: the weights pass through .float() (float64 modules lose precision)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T.float())
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T.float())
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T.float())
    return sa_v1


EXPECTED_CAUSE = "rounded to float32"
