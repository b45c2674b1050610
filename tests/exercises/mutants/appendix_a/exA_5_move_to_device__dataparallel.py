# MUTANT: model wrapped in DataParallel: a wrapper returned, not the model
import torch


def move_to_device(model, features, labels, device):
    model = torch.nn.DataParallel(model).to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'wrapped around the model'
