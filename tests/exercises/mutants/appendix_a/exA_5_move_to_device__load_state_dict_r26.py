# MUTANT: load_state_dict of moved tensors copies into the parameters, moving nothing
def move_to_device(model, features, labels, device):
    moved = {k: v.to(device) for k, v in model.state_dict().items()}
    model.load_state_dict(moved)
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "copies the values into the model's own parameters"
