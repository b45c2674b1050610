# MUTANT: the move done under torch.inference_mode() (the moved features leave the graph)
import torch


def move_to_device(model, features, labels, device):
    with torch.inference_mode():
        model = model.to(device)
        features = features.to(device)
        labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "inside `with torch.inference_mode():`"
