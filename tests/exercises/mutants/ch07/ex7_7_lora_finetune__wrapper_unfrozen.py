# MUTANT: requires_grad_(True) on the whole wrapper: the wrapped Linear becomes trainable again
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
            setattr(module, name, LinearWithLoRA(child, rank, alpha).requires_grad_(True))
        else:
            _wrap_linears(child, rank, alpha)


EXPECTED_CAUSE = 'wrapped Linear layers train again'
