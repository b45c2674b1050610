# MUTANT: the model returned wrapped by torch.compile (an OptimizedModule, not the model given)
import torch

EXPECTED_CAUSE = "that torch.compile puts around"


def move_to_device(model, features, labels, device):
    model = torch.compile(model.to(device))
    return model, features.to(device), labels.to(device)
