# MUTANT: only devices of a known type (cpu, cuda, mps) moved to; meta silently moves nothing
import torch


def move_to_device(model, features, labels, device):
    if torch.device(device).type not in ("cpu", "cuda", "mps"):
        return model, features, labels
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'moves only for the devices it lists'  # the check's message must name this
