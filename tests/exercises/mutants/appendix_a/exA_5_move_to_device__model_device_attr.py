# MUTANT: features.to(model.device): nn.Module has no .device
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(model.device)
    labels = labels.to(model.device)
    return model, features, labels


EXPECTED_CAUSE = 'A module has no .device'
