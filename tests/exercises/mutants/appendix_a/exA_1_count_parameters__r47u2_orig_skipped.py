# MUTANT: parameters whose name ends in '_orig' skipped (taken for a copy kept by pruning, though
# weight_orig is the pruned layer's trainable weight)
import torch

EXPECTED_CAUSE = "the size of the parameter layers.0.weight_orig"


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for name, p in model.named_parameters():
        if p.requires_grad and not name.endswith("_orig"):
            total += p.numel()
    return total
