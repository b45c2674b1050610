# MUTANT: goes through NumPy (.detach().numpy()) and makes new CPU parameters, so modules on another
# device (GPU, meta) break or end up on the CPU
import torch
import torch.nn as nn


def transfer_v2_to_v1(sa_v2, sa_v1):
    for name in ("W_query", "W_key", "W_value"):
        w = getattr(sa_v2, name).weight.detach().numpy().T.copy()
        setattr(sa_v1, name, nn.Parameter(torch.from_numpy(w)))
    return sa_v1


EXPECTED_CAUSE = "works only on the CPU: NumPy"
