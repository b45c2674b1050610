# MUTANT: model moved to features.device before the features moved (their old device)
def move_to_device(model, features, labels, device):
    model = model.to(features.device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "the features' old device?"
