# MUTANT: model.zero_grad() while moving (the gradients dropped)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    model.zero_grad()
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "moving cleared the gradients"
