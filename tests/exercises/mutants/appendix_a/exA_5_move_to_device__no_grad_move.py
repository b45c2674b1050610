# MUTANT: moved under torch.no_grad(): features lose their autograd link
import torch


def move_to_device(model, features, labels, device):
    with torch.no_grad():
        model.to(device)
        features = features.to(device)
        labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'inside `with torch.no_grad()'  # the check's message must name this
