# MUTANT: bfloat16 features cast to float32 on the way to any device
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    if features.dtype == torch.bfloat16:
        features = features.float()
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "every device keeps bfloat16"
