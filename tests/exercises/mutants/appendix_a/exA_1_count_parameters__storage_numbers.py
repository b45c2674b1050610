# MUTANT: each parameter's storage size counted instead of its entries (flat views counted twice)
import torch


def count_parameters(model):
    return sum(p.untyped_storage().nbytes() // p.element_size()
               for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "you counted the storage under each parameter"
