# MUTANT: every parameter frozen while moving (requires_grad_(False))
def move_to_device(model, features, labels, device):
    model = model.to(device).requires_grad_(False)
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "switched requires_grad off"
