# MUTANT: tensors sent to the device of the model read before the model moved
def move_to_device(model, features, labels, device):
    where = next(model.parameters()).device
    model = model.to(device)
    return model, features.to(where), labels.to(where)


EXPECTED_CAUSE = 'another device than the one asked'  # the check's message must name this
