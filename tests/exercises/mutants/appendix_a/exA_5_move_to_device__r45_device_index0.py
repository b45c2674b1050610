# MUTANT: the device rebuilt as torch.device(device, 0), which fails for a torch.device argument
import torch


def move_to_device(model, features, labels, device):
    device = torch.device(device, 0)
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "is a torch.device already, not a type string"
