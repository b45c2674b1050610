# Correct: empty_like on the device, then copy_ (copy_ keeps the autograd link)
import torch


def move_to_device(model, features, labels, device):
    model.to(device)
    f = torch.empty_like(features, device=device).copy_(features)
    y = torch.empty_like(labels, device=device).copy_(labels)
    return model, f, y
