# MUTANT: features detached while moving (cuts them off the autograd graph)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.detach().to(device)
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "detach()"
