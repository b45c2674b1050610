# Correct: copy_ under torch.inference_mode() (sa_v1's parameters stay normal tensors)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.inference_mode():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T)
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T)
    return sa_v1
