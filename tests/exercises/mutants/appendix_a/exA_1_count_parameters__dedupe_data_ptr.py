# MUTANT: tied weights deduplicated by data_ptr(), which is 0 for every parameter of a meta-device
#   model (and shared by views of one buffer)
import torch

EXPECTED_CAUSE = 'you told the parameters apart by p.data_ptr()'


def count_parameters(model: torch.nn.Module) -> int:
    seen = {}
    for p in model.parameters():
        if p.requires_grad:
            seen[p.data_ptr()] = p.numel()
    return sum(seen.values())
