# Correct: Linear layers collected first with named_modules, replaced via get_submodule(parent);
# freezing with model.requires_grad_(False)
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    model.requires_grad_(False)
    targets = [name for name, module in model.named_modules() if isinstance(module, nn.Linear)]
    for name in targets:  # pre-order, the same order as a recursive walk
        parent_name, _, child_name = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        setattr(parent, child_name, LinearWithLoRA(getattr(parent, child_name), rank, alpha))
    return model
