# MUTANT: `with torch.device(device):` moves nothing that exists
import torch


def move_to_device(model, features, labels, device):
    with torch.device(device):
        return model, features, labels


EXPECTED_CAUSE = 'only sets where NEW tensors'
