# Correct: .data.t_() restrides a new tensor object; sa_v2's weights stay as they are
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.data.t_())
        sa_v1.W_key.copy_(sa_v2.W_key.weight.data.t_())
        sa_v1.W_value.copy_(sa_v2.W_value.weight.data.t_())
    return sa_v1
