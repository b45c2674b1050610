# MUTANT: features.to(torch.float32) with no device: the features never move
import torch


def move_to_device(model, features, labels, device):
    return model.to(device), features.to(torch.float32), labels.to(device)


EXPECTED_CAUSE = 'without a device'  # the check's message must name this
