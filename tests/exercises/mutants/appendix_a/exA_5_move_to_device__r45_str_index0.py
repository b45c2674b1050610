# MUTANT: the device rebuilt as torch.device(str(device), 0), which fails for 'cuda:0'
import torch


def move_to_device(model, features, labels, device):
    device = torch.device(str(device), 0)
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "names its index already ('cuda:0')"
