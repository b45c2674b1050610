# MUTANT: returns early when the features are already there, so the model is never moved
import torch


def move_to_device(model, features, labels, device):
    if features.device == torch.device(device):
        return model, features, labels
    model = model.to(device)
    return model, features.to(device), labels.to(device)

EXPECTED_CAUSE = "skips the move when the tensors are already"
