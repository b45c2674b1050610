# MUTANT: features.new_tensor(features, device=...) copies and detaches
def move_to_device(model, features, labels, device):
    model.to(device)
    return model, features.new_tensor(features, device=device), labels.to(device)


EXPECTED_CAUSE = 't.new_tensor(t)'  # the check's message must name this
