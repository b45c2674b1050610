# MUTANT: only parameters whose exact type is nn.Parameter counted (type(p) is nn.Parameter),
# so a parameter of a subclass of nn.Parameter is left out
import torch

EXPECTED_CAUSE = "your code tests the exact type"


def count_parameters(model: torch.nn.Module) -> int:
    # only genuine nn.Parameter objects that are trainable
    return sum(p.numel() for p in model.parameters()
               if type(p) is torch.nn.Parameter and p.requires_grad)
