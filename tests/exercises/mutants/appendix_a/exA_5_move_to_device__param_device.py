# MUTANT: tensors sent to the model's parameter device instead of `device` (model without params)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    target = next(model.parameters()).device
    features = features.to(target)
    labels = labels.to(target)
    return model, features, labels

EXPECTED_CAUSE = "no parameter to take the device from"
