# MUTANT: a return after the first setattr: only the first Linear child of each module is wrapped
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False
    _wrap_linears(model, rank, alpha)
    return model


def _wrap_linears(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
            return
        _wrap_linears(child, rank, alpha)


EXPECTED_CAUSE = "only the first Linear layer of a module is wrapped"
