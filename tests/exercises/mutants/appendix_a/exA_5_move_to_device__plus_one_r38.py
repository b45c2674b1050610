# MUTANT: features shifted by one while moving
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device) + 1
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "every value shifted by +1"
