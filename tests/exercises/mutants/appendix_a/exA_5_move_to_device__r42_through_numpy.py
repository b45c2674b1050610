# MUTANT: tensors rebuilt through NumPy (a bfloat16 batch crashes, the graph is cut)
import torch

EXPECTED_CAUSE = "sends the tensors through NumPy"


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = torch.from_numpy(features.detach().cpu().numpy()).to(device)
    labels = torch.from_numpy(labels.detach().cpu().numpy()).to(device)
    return model, features, labels
