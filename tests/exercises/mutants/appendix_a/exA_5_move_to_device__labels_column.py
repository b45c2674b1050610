# MUTANT: labels turned into a column (fallback: a dimension of size 1 added)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device).unsqueeze(1)
    return model, features, labels

EXPECTED_CAUSE = "a dimension of size 1 added"
