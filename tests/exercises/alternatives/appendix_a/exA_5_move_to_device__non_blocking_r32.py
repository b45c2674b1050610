# Correct: tensors moved with non_blocking=True
def move_to_device(model, features, labels, device):
    model.to(device)
    return model, features.to(device, non_blocking=True), labels.to(device, non_blocking=True)
