# MUTANT: assumes device is a torch.device (uses device.type), so a string device crashes
def move_to_device(model, features, labels, device):
    model = model.to(device.type)
    features = features.to(device.type)
    labels = labels.to(device.type)
    return model, features, labels

EXPECTED_CAUSE = "may be a string"
