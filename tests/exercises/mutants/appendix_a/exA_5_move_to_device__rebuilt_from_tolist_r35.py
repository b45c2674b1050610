# MUTANT: tensors rebuilt with torch.tensor(t.tolist(), device=device) (default dtypes)
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = torch.tensor(features.tolist(), device=device)
    labels = torch.tensor(labels.tolist(), device=device)
    return model, features, labels


EXPECTED_CAUSE = "builds new tensors from the values"
