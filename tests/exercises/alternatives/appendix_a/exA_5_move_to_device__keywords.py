# Correct: keyword device=, non_blocking=True, results returned as one tuple expression
def move_to_device(model, features, labels, device):
    return (
        model.to(device=device),
        features.to(device=device, non_blocking=True),
        labels.to(device=device, non_blocking=True),
    )
