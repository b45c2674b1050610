# MUTANT: non-contiguous features rebuilt from tolist() on the device (float32, whatever came in)
import torch

EXPECTED_CAUSE = "your code treats a non-contiguous batch another way"


def move_to_device(model, features, labels, device):
    model = model.to(device)
    if not features.is_contiguous():
        features = torch.tensor(features.tolist(), device=device)
    else:
        features = features.to(device)
    return model, features, labels.to(device)
