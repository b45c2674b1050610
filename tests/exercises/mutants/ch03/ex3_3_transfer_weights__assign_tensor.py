# MUTANT: a plain tensor assigned to a parameter's name
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v1.W_query = sa_v2.W_query.weight.T
    sa_v1.W_key = sa_v2.W_key.weight.T
    sa_v1.W_value = sa_v2.W_value.weight.T
    return sa_v1


EXPECTED_CAUSE = 'accepts only an nn.Parameter'
