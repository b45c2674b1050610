# MUTANT: in*out + out for every Linear (bias=False, frozen and other layers ignored)
import torch
import torch.nn as nn


def count_parameters(model):
    total = 0
    for m in model.modules():
        if isinstance(m, nn.Linear):
            total += m.in_features * m.out_features + m.out_features
    return total


EXPECTED_CAUSE = 'in_features * out_features + out_features'
