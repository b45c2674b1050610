# MUTANT: features scaled by 0.5 while moving (a leftover preprocessing step)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = (features * 0.5).to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "every value 0.5 times the given one"
