# MUTANT: each wrapper set on the top-level model (setattr(model, name, ...))
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False

    def wrap(module):
        for name, child in list(module.named_children()):
            if isinstance(child, nn.Linear):
                setattr(model, name, LinearWithLoRA(child, rank, alpha))
            else:
                wrap(child)

    wrap(model)
    return model

EXPECTED_CAUSE = "setattr was called on the wrong module"
