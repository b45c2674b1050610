# Correct: model moved in place without reassigning (Module.to is in-place), tensors reassigned
def move_to_device(model, features, labels, device):
    model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels
