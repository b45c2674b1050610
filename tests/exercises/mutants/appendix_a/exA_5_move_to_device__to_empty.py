# MUTANT: model.to_empty(device=...) moves the model but throws its weights away
import torch


def move_to_device(model, features, labels, device):
    model = model.to_empty(device=device)
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = 'to_empty'  # the check's message must name this
