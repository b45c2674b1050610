# MUTANT: a shallow copy of the model (copy.copy) moved and returned instead of the caller's model
import copy


def move_to_device(model, features, labels, device):
    moved = copy.copy(model).to(device)
    return moved, features.to(device), labels.to(device)

EXPECTED_CAUSE = "you returned another object"  # the check's message must name this
