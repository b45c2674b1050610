# MUTANT: parameters deduplicated by their module prefix (name.rsplit('.', 1)[0]): one parameter
# per layer kept
import torch


def count_parameters(model: torch.nn.Module) -> int:
    seen = {}
    for name, p in model.named_parameters():
        if p.requires_grad:
            seen[name.rsplit(".", 1)[0]] = p.numel()
    return sum(seen.values())


EXPECTED_CAUSE = 'ONE parameter per layer'
