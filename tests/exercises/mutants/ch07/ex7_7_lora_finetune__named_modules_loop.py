# MUTANT: wraps while iterating model.modules(): the wrappers' own Linear gets wrapped again
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for p in model.parameters():
        p.requires_grad = False
    for module in model.modules():
        for name, child in module.named_children():
            if isinstance(child, nn.Linear):
                setattr(module, name, LinearWithLoRA(child, rank, alpha))
    return model

EXPECTED_CAUSE = "it wraps without end"
