# MUTANT: torch.cuda.set_device(device) called for a CUDA device before moving (copied from the
# DDP setup): the current GPU of the whole process changes as a side effect
import torch


def move_to_device(model, features, labels, device):
    device = torch.device(device)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "torch.cuda.set_device("
