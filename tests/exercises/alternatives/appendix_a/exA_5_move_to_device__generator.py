# Correct: torch.device() normalisation, tensors moved in a generator, model moved in place
import torch


def move_to_device(model, features, labels, device):
    device = torch.device(device)
    model.to(device)  # modules move in place
    features, labels = (t.to(device) for t in (features, labels))
    return model, features, labels
