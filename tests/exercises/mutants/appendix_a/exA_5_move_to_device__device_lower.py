# MUTANT: treats device as a string (device.lower()): crashes for a torch.device argument
def move_to_device(model, features, labels, device):
    device = device.lower()
    return model.to(device), features.to(device), labels.to(device)


EXPECTED_CAUSE = 'string methods'  # the check's message must name this
