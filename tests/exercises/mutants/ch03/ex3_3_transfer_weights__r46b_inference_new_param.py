# MUTANT: new nn.Parameters built under torch.inference_mode() (inference tensors)
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.inference_mode():
        sa_v1.W_query = torch.nn.Parameter(sa_v2.W_query.weight.T.clone())
        sa_v1.W_key = torch.nn.Parameter(sa_v2.W_key.weight.T.clone())
        sa_v1.W_value = torch.nn.Parameter(sa_v2.W_value.weight.T.clone())
    return sa_v1

EXPECTED_CAUSE = "is an inference tensor"
