# MUTANT: requires_grad switched off, then copy_ records a grad_fn: no trainable leaves
import torch
import torch.nn as nn


def transfer_v2_to_v1(sa_v2, sa_v1):
    for name in ("W_query", "W_key", "W_value"):
        p = getattr(sa_v1, name)
        p.requires_grad = False
        p.copy_(getattr(sa_v2, name).weight.T)
    return sa_v1


EXPECTED_CAUSE = 'trainable leaf'  # the check's message must name this
