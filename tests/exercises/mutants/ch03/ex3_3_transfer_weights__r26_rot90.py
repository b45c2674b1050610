# MUTANT: torch.rot90 used to turn (d_out, d_in) into (d_in, d_out)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(torch.rot90(sa_v2.W_query.weight))
        sa_v1.W_key.copy_(torch.rot90(sa_v2.W_key.weight))
        sa_v1.W_value.copy_(torch.rot90(sa_v2.W_value.weight))
    return sa_v1


EXPECTED_CAUSE = 'torch.rot90(weight)'
