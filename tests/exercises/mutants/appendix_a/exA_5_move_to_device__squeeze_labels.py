# MUTANT: labels squeezed while moving: a batch of one becomes a 0-d tensor
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device).squeeze()
    return model, features, labels


EXPECTED_CAUSE = "a squeeze() drops the batch dimension"
