# MUTANT: torch.cuda.synchronize() called unconditionally (fails without a GPU)
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    torch.cuda.synchronize()
    return model, features, labels

EXPECTED_CAUSE = "a torch.cuda call needs a GPU"
