# MUTANT: the model is moved only when device is a string (a torch.device argument leaves the
# model where it was)
def move_to_device(model, features, labels, device):
    if isinstance(device, str):
        model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "treats a torch.device differently from a string"
