# MUTANT: every parameter whose name holds 'norm' made trainable again (the LayerNorms)
from torch import nn

from llmscratch import LinearWithLoRA

EXPECTED_CAUSE = "every original parameter of ['trf_blocks.0.norm1'"


def add_lora_adapters(model, rank, alpha):
    """Freeze every weight of ``model``, then wrap each ``nn.Linear`` in a ``LinearWithLoRA``.

    Afterwards only the adapters' ``A`` and ``B`` matrices are trainable, the model's outputs
    are unchanged (B starts at zero), and an optimizer built from
    ``[p for p in model.parameters() if p.requires_grad]`` trains the adapters alone. Work in
    place (replace children with ``setattr``, recursing into submodules) and return ``model``.
    Use ``llmscratch.LinearWithLoRA``. Example: GPT-2 small turned into the chapter-6
    classifier has 2,666,528 trainable parameters after ``add_lora_adapters(model, 16, 16)``.
    """
    for param in model.parameters():
        param.requires_grad = False
    for name, param in model.named_parameters():
        if "norm" in name:
            param.requires_grad = True
    _wrap_linears(model, rank, alpha)
    return model


def _wrap_linears(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap_linears(child, rank, alpha)
