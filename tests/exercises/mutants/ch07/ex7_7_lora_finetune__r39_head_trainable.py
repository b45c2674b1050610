# MUTANT: the output head's own weight is left trainable (frozen everything but out_head)
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith("out_head")
    _wrap(model, rank, alpha)
    return model


def _wrap(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap(child, rank, alpha)


EXPECTED_CAUSE = "wrongly trainable ['out_head.linear.weight']"
