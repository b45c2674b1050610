# MUTANT: model moved with model.to(device).half() (dtype changed while moving)
def move_to_device(model, features, labels, device):
    return model.to(device).half(), features.to(device), labels.to(device)


EXPECTED_CAUSE = 'must not change the dtype'
