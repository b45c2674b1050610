# Correct: an extra p.is_leaf test changes nothing, since parameters are always leaves
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.is_leaf)
