# MUTANT: named_parameters(remove_duplicate=False): tied weights counted twice
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for _, p in model.named_parameters(remove_duplicate=False)
               if p.requires_grad)


EXPECTED_CAUSE = 'tied'  # the check's message must name this
