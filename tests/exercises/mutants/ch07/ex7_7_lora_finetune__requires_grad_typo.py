# MUTANT: p.requires_grad_ = False (assigns an attribute, freezes nothing)
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for p in model.parameters():
        p.requires_grad_ = False
    _wrap(model, rank, alpha)
    return model


def _wrap(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap(child, rank, alpha)

EXPECTED_CAUSE = "only sets a new attribute named requires_grad_"
