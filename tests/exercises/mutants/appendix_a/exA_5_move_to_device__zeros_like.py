# MUTANT: torch.zeros_like(..., device=device) makes zeros instead of copying the values
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = torch.zeros_like(features, device=device)
    labels = torch.zeros_like(labels, device=device)
    return model, features, labels

EXPECTED_CAUSE = "your code called torch.zeros_like"
