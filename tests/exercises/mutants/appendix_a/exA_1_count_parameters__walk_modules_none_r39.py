# MUTANT: a hand-written walk over module._modules that crashes on a submodule slot set to None
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    seen = set()

    def walk(module):
        nonlocal total
        for p in module._parameters.values():
            if p is None or id(p) in seen:
                continue
            seen.add(id(p))
            if p.requires_grad:
                total += p.numel()
        for child in module._modules.values():
            walk(child)

    walk(model)
    return total

EXPECTED_CAUSE = "optional submodule slot as None"
