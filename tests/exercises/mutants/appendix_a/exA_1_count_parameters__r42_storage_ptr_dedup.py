# MUTANT: parameters deduplicated by their storage's data pointer (0 for every parameter on 'meta')
import torch

EXPECTED_CAUSE = "p.untyped_storage().data_ptr()"


def count_parameters(model: torch.nn.Module) -> int:
    seen = set()
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            continue
        key = p.untyped_storage().data_ptr()
        if key in seen:
            continue
        seen.add(key)
        total += p.numel()
    return total
