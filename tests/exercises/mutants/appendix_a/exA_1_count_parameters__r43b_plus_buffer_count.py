# MUTANT: the number of buffer tensors added to the count (a fallback names it)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return total + len(list(model.buffers()))

EXPECTED_CAUSE = "the number of buffer tensors"
