# MUTANT: sa_v1 is moved to CUDA when a GPU is available (the caller's module leaves its device)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    if torch.cuda.is_available():
        sa_v1 = sa_v1.cuda()
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T)
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T)
    return sa_v1


EXPECTED_CAUSE = "to the GPU when one is available"  # the check's message must name this
