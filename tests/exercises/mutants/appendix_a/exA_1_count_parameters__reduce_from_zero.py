# MUTANT: functools.reduce over p.shape started at 0 instead of 1 (every product is 0)
import functools
import operator

import torch


def count_parameters(model):
    return sum(functools.reduce(operator.mul, p.shape, 0)
               for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "every product came out 0, so it starts at 0"
