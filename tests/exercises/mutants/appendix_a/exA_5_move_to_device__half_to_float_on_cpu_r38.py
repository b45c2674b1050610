# MUTANT: float16 features cast to float32 when the device is the CPU
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    if torch.device(device).type == "cpu" and features.dtype == torch.float16:
        features = features.float()
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "changes the dtype while moving to the CPU only"
