# MUTANT: labels cast to the features' dtype (float32) while moving; class labels must stay int64
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device, dtype=features.dtype)
    return model, features, labels

EXPECTED_CAUSE = "class labels must stay integers"
