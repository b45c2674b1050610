# Correct: replace v1's matrices by new nn.Parameter objects holding transposed copies
import torch.nn as nn


def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v1.W_query = nn.Parameter(sa_v2.W_query.weight.detach().t().clone())
    sa_v1.W_key = nn.Parameter(sa_v2.W_key.weight.detach().t().clone())
    sa_v1.W_value = nn.Parameter(sa_v2.W_value.weight.detach().t().clone())
    return sa_v1
