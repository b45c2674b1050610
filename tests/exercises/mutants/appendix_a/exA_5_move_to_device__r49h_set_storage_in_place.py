# MUTANT: tensors moved in place with t.set_(t.to(device)), as if tensors moved like modules
def move_to_device(model, features, labels, device):
    model.to(device)
    features.set_(features.to(device))
    labels.set_(labels.to(device))
    return model, features, labels


EXPECTED_CAUSE = "in place with .set_(...)"
