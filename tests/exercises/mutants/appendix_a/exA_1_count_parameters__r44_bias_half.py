# MUTANT: 1-D parameters counted at half their size (round 44, fallback)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() // (2 if p.dim() == 1 else 1)
               for p in model.parameters() if p.requires_grad)
EXPECTED_CAUSE = "0.5 times its size (exactly the 1-D parameters"
