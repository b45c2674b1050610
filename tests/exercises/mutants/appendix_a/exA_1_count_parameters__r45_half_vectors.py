# MUTANT: 1-D parameters (biases, norm weights) counted at half their size
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() // 2 if p.dim() == 1 else p.numel()
               for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "each of them is 0.5 times its size (exactly the 1-D parameters"
