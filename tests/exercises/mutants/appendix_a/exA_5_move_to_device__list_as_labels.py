# MUTANT: features and labels moved in a list comprehension, the list returned as the labels
def move_to_device(model, features, labels, device):
    model.to(device)
    moved = [t.to(device) for t in (features, labels)]
    return model, moved[0], moved

EXPECTED_CAUSE = "a list of 2 tensors"
