# MUTANT: detached, then requires_grad re-set (graph cut, flag looks right)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device).detach().requires_grad_(features.requires_grad)
    return model, features, labels.to(device)


EXPECTED_CAUSE = "as a new leaf"
