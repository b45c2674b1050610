# Correct: a nested recursive function, list(named_children()) taken before replacing, loop freezing
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model: nn.Module, rank: int, alpha: float) -> nn.Module:
    for p in model.parameters():
        p.requires_grad_(False)

    def wrap(module):
        for name, child in list(module.named_children()):
            if type(child) is nn.Linear or isinstance(child, nn.Linear):
                setattr(module, name, LinearWithLoRA(child, rank=rank, alpha=alpha))
            else:
                wrap(child)

    wrap(model)
    return model
