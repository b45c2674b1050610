# MUTANT: only the parameters moved one by one as new nn.Parameters (buffers left behind)
import torch


def move_to_device(model, features, labels, device):
    for module in model.modules():
        for name, p in list(module._parameters.items()):
            if p is not None:
                module._parameters[name] = torch.nn.Parameter(p.detach().to(device))
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "buffers are not parameters"
