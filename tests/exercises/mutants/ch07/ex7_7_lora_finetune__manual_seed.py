# MUTANT: torch.manual_seed(123) called inside (global RNG reseeded)
"""Exercise 7.7 (solution): prepare a model for LoRA finetuning (the book's exercise 7.4)."""

import torch
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False
    torch.manual_seed(123)
    _wrap_linears(model, rank, alpha)
    return model


def _wrap_linears(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap_linears(child, rank, alpha)


EXPECTED_CAUSE = 'reseeds the global generator'
