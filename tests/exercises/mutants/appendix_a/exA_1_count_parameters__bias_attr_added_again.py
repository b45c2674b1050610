# MUTANT: every module's .bias added to the full count (biases counted twice)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = sum(p.numel() for p in model.parameters() if p.requires_grad)
    for m in model.modules():
        bias = getattr(m, "bias", None)
        if isinstance(bias, torch.nn.Parameter) and bias.requires_grad:
            total += bias.numel()
    return total

EXPECTED_CAUSE = "counts every BIAS TWICE"
