# Correct: model.apply with a function that wraps a module's Linear children (post-order walk, so
# the adapters are created in another order than a pre-order recursion)
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False

    def wrap_children(module):
        for name, child in list(module.named_children()):
            if isinstance(child, nn.Linear):
                setattr(module, name, LinearWithLoRA(child, rank, alpha))

    model.apply(wrap_children)
    return model
