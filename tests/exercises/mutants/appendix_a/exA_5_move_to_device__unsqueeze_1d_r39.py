# MUTANT: a 1-D features tensor treated as one example and unsqueezed to (1, n) while moving
def move_to_device(model, features, labels, device):
    model = model.to(device)
    if features.dim() == 1:
        features = features.unsqueeze(0)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "as if it were one example"
