# MUTANT: named_parameters(remove_duplicate=False): a tied weight counted twice
import torch


def count_parameters(model: torch.nn.Module) -> int:
    named = model.named_parameters(remove_duplicate=False)
    return sum(p.numel() for _, p in named if p.requires_grad)

EXPECTED_CAUSE = "remove_duplicate=False"
