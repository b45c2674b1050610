# MUTANT: casts labels to int64 while moving (an int32 or uint8 label tensor changes dtype)
import torch


def move_to_device(model, features, labels, device):
    model.to(device)
    return model, features.to(device), labels.to(device, dtype=torch.long)


EXPECTED_CAUSE = 'int32 labels came back'  # the check's message must name this
