# MUTANT: labels flattened with view(-1) while moving
def move_to_device(model, features, labels, device):
    model.to(device)
    return model, features.to(device), labels.to(device).view(-1)


EXPECTED_CAUSE = "flattened them (view(-1)"
