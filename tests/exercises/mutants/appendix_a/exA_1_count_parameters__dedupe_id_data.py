# MUTANT: parameters deduplicated by id(p.data): p.data is a fresh temporary each time, ids get
#   reused, entries collapse
import torch

EXPECTED_CAUSE = 'you told the parameters apart by id(p.data)'


def count_parameters(model: torch.nn.Module) -> int:
    seen = {}
    for p in model.parameters():
        if p.requires_grad:
            seen[id(p.data)] = p.numel()
    return sum(seen.values())
