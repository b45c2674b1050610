# MUTANT: model.to(device).float(): model cast to float32 while moving
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device).float()
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'a float64 model (model.double())'
