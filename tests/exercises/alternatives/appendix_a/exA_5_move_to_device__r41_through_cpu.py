# Correct: the model sent through the CPU first (model.cpu().to(device))
def move_to_device(model, features, labels, device):
    model = model.cpu().to(device)
    return model, features.to(device), labels.to(device)
