# MUTANT: labels taken modulo 2 while moving (as if every task had two classes)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device) % 2
    return model, features, labels


EXPECTED_CAUSE = 'your code assumes two classes'  # the check's message must name this
