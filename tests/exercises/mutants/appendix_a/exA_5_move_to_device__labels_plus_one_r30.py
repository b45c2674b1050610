# MUTANT: labels shifted by one while moving (classes counted from 1)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device) + 1
    return model, features, labels


EXPECTED_CAUSE = 'every value shifted by +1'
