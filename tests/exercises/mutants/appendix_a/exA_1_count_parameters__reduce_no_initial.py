# MUTANT: functools.reduce over p.shape without an initial value (a scalar parameter crashes it)
import functools
import operator

import torch


def count_parameters(model):
    return sum(functools.reduce(operator.mul, p.shape)
               for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "functools.reduce without an initial value fails"
