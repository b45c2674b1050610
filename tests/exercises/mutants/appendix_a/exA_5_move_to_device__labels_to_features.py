# MUTANT: labels.to(features): the labels take the features' dtype
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(features)
    return model, features, labels


EXPECTED_CAUSE = "as labels.to(features)"
