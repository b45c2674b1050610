# MUTANT: only the Linear layers frozen: embeddings and LayerNorm scale/shift left trainable
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            for p in m.parameters():
                p.requires_grad = False
    _wrap(model, rank, alpha)
    return model


def _wrap(module, rank, alpha):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LinearWithLoRA(child, rank, alpha))
        else:
            _wrap(child, rank, alpha)

EXPECTED_CAUSE = "only the Linear layers were frozen"
