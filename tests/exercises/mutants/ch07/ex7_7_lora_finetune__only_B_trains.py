# MUTANT: wraps, freezes all, then unfreezes only the adapters' B (A left frozen)
"""Exercise 7.7 (solution): prepare a model for LoRA finetuning (the book's exercise 7.4).

This is book exercise 7.4.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""

from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    """Freeze every weight of ``model``, then wrap each ``nn.Linear`` in a ``LinearWithLoRA``.

    Afterwards only the adapters' ``A`` and ``B`` matrices are trainable, the model's outputs
    are unchanged (B starts at zero), and an optimizer built from
    ``[p for p in model.parameters() if p.requires_grad]`` trains the adapters alone. Work in
    place (replace children with ``setattr``, recursing into submodules) and return ``model``.
    Use ``llmscratch.LinearWithLoRA``. Example: GPT-2 small turned into the chapter-6
    classifier has 2,666,528 trainable parameters after ``add_lora_adapters(model, 16, 16)``.
    """
    _wrap_linears(model, rank, alpha)
    model.requires_grad_(False)
    for name, param in model.named_parameters():
        if name.endswith("lora.B"):  # A stays a fixed random projection
            param.requires_grad = True
    return model


def _wrap_linears(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap_linears(child, rank, alpha)

EXPECTED_CAUSE = "frozen that should train: 13 of the adapters' A"
