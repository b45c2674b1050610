# Correct: torch.as_tensor(t, device=device) moves a tensor as t.to(device) does
import torch


def move_to_device(model, features, labels, device):
    model.to(device)
    return model, torch.as_tensor(features, device=device), torch.as_tensor(labels, device=device)
