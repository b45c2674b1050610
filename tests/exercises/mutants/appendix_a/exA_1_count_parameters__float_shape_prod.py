import torch

EXPECTED_CAUSE = ".item() of a float tensor"


def count_parameters(model):
    return sum(torch.tensor(p.shape, dtype=torch.float32).prod().item()
               for p in model.parameters() if p.requires_grad)
