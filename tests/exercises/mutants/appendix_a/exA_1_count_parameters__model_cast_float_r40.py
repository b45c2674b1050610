# MUTANT: the caller's model cast to float32 (model.float()) while counting
import torch


def count_parameters(model: torch.nn.Module) -> int:
    model = model.float()  # make sure numel works the same for every dtype
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "changed the caller's model: its parameters' dtype"
