# MUTANT: moved features given requires_grad_(False)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device).requires_grad_(False)
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "your code sets requires_grad on the moved features"
