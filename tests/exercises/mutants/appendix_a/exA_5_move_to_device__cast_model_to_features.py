# MUTANT: model.to(device, features.dtype): the model cast to the features' dtype
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device, features.dtype)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "features' dtype"
