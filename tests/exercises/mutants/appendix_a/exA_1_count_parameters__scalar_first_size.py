# MUTANT: first size times the product of the rest: a 0-d parameter has no shape[0]
import math


def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += p.shape[0] * math.prod(p.shape[1:])
    return total


EXPECTED_CAUSE = "p.shape[0] does not exist"  # the check's message must name this
