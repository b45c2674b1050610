# MUTANT: the model moved by load_state_dict(moved tensors, assign=True): gradients lost
def move_to_device(model, features, labels, device):
    moved = {name: t.to(device) for name, t in model.state_dict().items()}
    model.load_state_dict(moved, assign=True)
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = 'load_state_dict(..., assign=True)'  # the check's message must name this
