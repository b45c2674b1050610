# MUTANT: pin_memory() before moving (needs an accelerator; crashes on a CPU-only machine)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.pin_memory().to(device, non_blocking=True)
    labels = labels.pin_memory().to(device, non_blocking=True)
    return model, features, labels


EXPECTED_CAUSE = 'pin_memory() (page-locked'  # the check's message must name this
