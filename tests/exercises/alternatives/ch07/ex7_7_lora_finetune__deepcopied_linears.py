# Correct: each Linear deep-copied before wrapping (same frozen weights, other tensor objects)
import copy

from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    model.requires_grad_(False)
    targets = [(parent, name, child) for parent in model.modules()
               for name, child in parent.named_children() if isinstance(child, nn.Linear)]
    for parent, name, child in targets:
        setattr(parent, name, LinearWithLoRA(copy.deepcopy(child), rank, alpha))
    return model
