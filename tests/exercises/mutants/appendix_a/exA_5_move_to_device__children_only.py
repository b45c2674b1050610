# MUTANT: the model moved child by child: its own parameters and buffers stay behind
def move_to_device(model, features, labels, device):
    for child in model.children():
        child.to(device)
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "only the children moved"
