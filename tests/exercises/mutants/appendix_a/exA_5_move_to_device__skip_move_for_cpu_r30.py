# MUTANT: nothing moved when the device is 'cpu' (if device == 'cpu': return ...): a batch on a GPU
# stays there
def move_to_device(model, features, labels, device):
    if device == "cpu":
        return model, features, labels
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "a shortcut for 'cpu'"
