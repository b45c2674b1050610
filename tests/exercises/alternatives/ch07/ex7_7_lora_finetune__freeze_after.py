# Correct: wrap first, then freeze every parameter that is not inside an adapter (by module type)
from torch import nn

from llmscratch import LinearWithLoRA, LoRALayer


def _wrap(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap(child, rank, alpha)


def add_lora_adapters(model, rank, alpha):
    _wrap(model, rank, alpha)
    adapter_params = {id(p) for m in model.modules() if isinstance(m, LoRALayer)
                      for p in m.parameters()}
    for p in model.parameters():
        p.requires_grad = id(p) in adapter_params
    return model
