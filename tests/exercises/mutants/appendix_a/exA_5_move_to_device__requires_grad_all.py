# MUTANT: requires_grad_() while moving (a frozen layer unfrozen)
def move_to_device(model, features, labels, device):
    model = model.to(device).requires_grad_()
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "came back with that layer trainable again"
