# MUTANT: moves features and labels by assigning .data (changes the caller's tensors)
import torch


def move_to_device(model, features, labels, device):
    model.to(device)
    features.data = features.data.to(device)
    labels.data = labels.data.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'assigning its .data'  # the check's message must name this
