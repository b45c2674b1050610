# MUTANT: features flattened to (batch, -1) while moving
def move_to_device(model, features, labels, device):
    model = model.to(device)
    return model, features.to(device).flatten(1), labels.to(device)


EXPECTED_CAUSE = "flattened them to (batch, -1)"  # the check's message must name this
