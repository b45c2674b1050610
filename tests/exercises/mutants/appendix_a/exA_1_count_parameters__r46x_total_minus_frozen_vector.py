# MUTANT: total minus frozen, each as one flat vector (torch.cat fails when nothing is frozen)
import torch
from torch.nn.utils import parameters_to_vector

EXPECTED_CAUSE = "this model has no frozen parameter"


def count_parameters(model: torch.nn.Module) -> int:
    total = parameters_to_vector(model.parameters()).numel()
    frozen = parameters_to_vector(p for p in model.parameters() if not p.requires_grad)
    return total - frozen.numel()
