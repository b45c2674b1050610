# MUTANT: labels made int64 with .type(torch.LongTensor), which is a CPU tensor type and moves
#   them back to the CPU
import torch

EXPECTED_CAUSE = "A tensor was sent back from 'meta' to the CPU"


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device).type(torch.LongTensor)
    return model, features, labels
