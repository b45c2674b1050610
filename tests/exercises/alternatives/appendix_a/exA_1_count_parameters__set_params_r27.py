# ALTERNATIVE: a set of the parameters (unique objects; parameters() already deduplicates)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in set(model.parameters()) if p.requires_grad)
