# MUTANT: torch.tensor([]) of an all-frozen model is float32, so it returns 0.0 (a float), not 0
import torch


def count_parameters(model):
    sizes = [p.numel() for p in model.parameters() if p.requires_grad]
    return torch.tensor(sizes).sum().item()

EXPECTED_CAUSE = "torch.tensor([]) of no trainable"
