# MUTANT: the first call's device kept in a global and used by every call
import torch

EXPECTED_CAUSE = "keeps state between calls"

_DEVICE = None


def move_to_device(model, features, labels, device):
    global _DEVICE
    if _DEVICE is None:
        _DEVICE = torch.device(device)
    model = model.to(_DEVICE)
    features = features.to(_DEVICE)
    labels = labels.to(_DEVICE)
    return model, features, labels
