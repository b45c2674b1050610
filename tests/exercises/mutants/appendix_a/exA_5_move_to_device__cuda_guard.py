# MUTANT: moves only when torch.cuda.is_available()
import torch


def move_to_device(model, features, labels, device):
    if torch.cuda.is_available():
        model = model.to(device)
        features = features.to(device)
        labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'torch.cuda.is_available()'
