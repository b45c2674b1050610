# MUTANT: model.eval() called (mode changed)
"""Exercise 7.7 (solution): prepare a model for LoRA finetuning (the book's exercise 7.4)."""

from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False
    _wrap_linears(model, rank, alpha)
    model.eval()
    return model


def _wrap_linears(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap_linears(child, rank, alpha)


EXPECTED_CAUSE = 'left in eval mode'
