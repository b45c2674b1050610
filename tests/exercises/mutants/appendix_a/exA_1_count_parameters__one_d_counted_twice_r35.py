# MUTANT: every 1-D parameter (each bias, a norm's weight) counted twice
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() * (2 if p.dim() == 1 else 1)
               for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "each of them is 2 times its size"
