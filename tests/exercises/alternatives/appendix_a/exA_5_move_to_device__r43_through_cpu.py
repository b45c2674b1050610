# Correct: tensors sent through the CPU first (an extra copy on a GPU, the same result)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    return model, features.cpu().to(device), labels.cpu().to(device)
