# MUTANT: the device normalised with torch.device(device).type, which drops its index
# ('cuda:1' becomes 'cuda', the current GPU)
import torch


def move_to_device(model, features, labels, device):
    device = torch.device(device).type  # accept strings and torch.device alike
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "dropped the device's index"
