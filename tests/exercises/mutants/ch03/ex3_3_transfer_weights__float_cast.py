# MUTANT: weights cast to float32 (.float()) in new Parameters; float64 modules change dtype
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v1.W_query = torch.nn.Parameter(sa_v2.W_query.weight.T.float().clone())
    sa_v1.W_key = torch.nn.Parameter(sa_v2.W_key.weight.T.float().clone())
    sa_v1.W_value = torch.nn.Parameter(sa_v2.W_value.weight.T.float().clone())
    return sa_v1


EXPECTED_CAUSE = "keeps its dtype"  # the check's message must name this
