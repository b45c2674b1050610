# MUTANT: weights copied scaled by 1/sqrt(d_out) (mixing in the attention scale)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    scale = sa_v1.W_query.shape[1] ** 0.5
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T / scale)
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T)
    return sa_v1


EXPECTED_CAUSE = 'sa_v1.W_query differs from sa_v2.W_query.weight.T'
