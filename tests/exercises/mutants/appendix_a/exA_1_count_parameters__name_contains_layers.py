# MUTANT: only parameters whose name contains 'layers' (fallback: names of the right models)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for n, p in model.named_parameters()
               if p.requires_grad and "layers" in n)

EXPECTED_CAUSE = "picks parameters by their name"
