# MUTANT: the model moved only when a parameter is off the device (buffers left behind)
import torch

EXPECTED_CAUSE = "skips model.to(device) when the parameters are already on the device"


def move_to_device(model, features, labels, device):
    target = torch.device(device)
    if any(p.device != target for p in model.parameters()):
        model = model.to(device)
    return model, features.to(device), labels.to(device)
