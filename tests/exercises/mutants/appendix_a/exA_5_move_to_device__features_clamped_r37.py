# MUTANT: features clamped at 0 while moving (negative values zeroed)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device).clamp(min=0)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "each number was clamped at 0"
