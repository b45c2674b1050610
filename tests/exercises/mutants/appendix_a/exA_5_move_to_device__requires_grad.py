# MUTANT: features.to(device).requires_grad_(): features made to require grad
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device).requires_grad_()
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'require gradients, though'
