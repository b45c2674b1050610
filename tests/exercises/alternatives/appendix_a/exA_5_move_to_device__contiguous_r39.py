# Correct: features made contiguous while moving (same values, shape, dtype and device)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.contiguous().to(device)
    labels = labels.to(device)
    return model, features, labels
