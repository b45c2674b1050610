# MUTANT: moved only when the device type differs (cuda:1 stays)
import torch


def move_to_device(model, features, labels, device):
    target = torch.device(device)
    model = model.to(target)
    if features.device.type != target.type:
        features = features.to(target)
    if labels.device.type != target.type:
        labels = labels.to(target)
    return model, features, labels

EXPECTED_CAUSE = "compares only the device type"
