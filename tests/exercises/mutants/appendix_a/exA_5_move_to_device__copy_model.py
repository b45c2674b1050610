# MUTANT: deep copy of the model moved (original untouched)
"""Exercise A.5 (solution): move a model and a batch to a device."""


def move_to_device(model, features, labels, device):
    import copy
    model = copy.deepcopy(model).to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'in place'
