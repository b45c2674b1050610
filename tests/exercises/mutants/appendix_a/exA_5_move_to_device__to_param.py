# MUTANT: features.to(a parameter) also takes the parameter's dtype
def move_to_device(model, features, labels, device):
    model = model.to(device)
    params = list(model.parameters())
    features = features.to(params[0]) if params else features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "cast them to the model's dtype"
