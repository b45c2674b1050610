# Correct: each new wrapper moved to the wrapped Linear's device and dtype (the adapters sit where
# the Linear is; on a CPU float32 model nothing changes)
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
            wrapper = LinearWithLoRA(child, rank, alpha).to(device=child.weight.device,
                                                           dtype=child.weight.dtype)
            setattr(module, name, wrapper)
        else:
            _wrap_linears(child, rank, alpha)
