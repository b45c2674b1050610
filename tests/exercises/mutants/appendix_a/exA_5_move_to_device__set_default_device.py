# MUTANT: torch.set_default_device(device) changes global state for the caller
import torch


def move_to_device(model, features, labels, device):
    torch.set_default_device(device)
    return model.to(device), features.to(device), labels.to(device)


EXPECTED_CAUSE = "the default device to"
