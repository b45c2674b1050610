# MUTANT: falls back to the CPU when 'cuda' is asked for and torch.cuda.is_available() is False
import torch

EXPECTED_CAUSE = "never asked for 'cuda'"


def move_to_device(model, features, labels, device):
    device = torch.device(device)
    if device.type == "cuda" and not torch.cuda.is_available():
        device = torch.device("cpu")
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels
