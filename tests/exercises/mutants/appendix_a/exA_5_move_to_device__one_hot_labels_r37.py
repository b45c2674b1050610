# MUTANT: labels one-hot encoded while moving (F.one_hot)
import torch.nn.functional as F


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = F.one_hot(labels).to(device)
    return model, features, labels


EXPECTED_CAUSE = "one column per class"
