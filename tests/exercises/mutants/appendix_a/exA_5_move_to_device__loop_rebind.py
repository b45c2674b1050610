# MUTANT: loop variable rebound (t = t.to(device)): the tensors returned are the old ones
def move_to_device(model, features, labels, device):
    model.to(device)
    for t in (features, labels):
        t = t.to(device)
    return model, features, labels


EXPECTED_CAUSE = "rebinds only the loop variable"
