# MUTANT: returns a list instead of the tuple (model, features, labels)
def move_to_device(model, features, labels, device):
    model.to(device)
    return [model, features.to(device), labels.to(device)]

EXPECTED_CAUSE = "returned a list"
