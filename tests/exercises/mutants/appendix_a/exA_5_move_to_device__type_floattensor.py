# MUTANT: features.to(device).type(torch.FloatTensor): .type() with a CPU tensor type sends them
# back to the CPU
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device).type(torch.FloatTensor)
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = "sent back from 'meta'"  # the check's message must name this
