# MUTANT: casts while moving: features to float32 and labels to int64 with dtype= in .to()
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device, dtype=torch.float32)
    labels = labels.to(device, dtype=torch.long)
    return model, features, labels


EXPECTED_CAUSE = "your code casts while it moves"
