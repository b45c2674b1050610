# MUTANT: each wrapper moved to "cuda if available else cpu", not left on the model's device
import torch
from torch import nn

from llmscratch import LinearWithLoRA

device = "cuda" if torch.cuda.is_available() else "cpu"


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False
    _wrap(model, rank, alpha)
    return model


def _wrap(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha).to(device))
        else:
            _wrap(child, rank, alpha)


EXPECTED_CAUSE = "moves a layer to a device of its own choosing"
