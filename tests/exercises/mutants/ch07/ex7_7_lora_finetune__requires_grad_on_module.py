# MUTANT: model.requires_grad = False, a plain attribute on the module
from torch import nn

from llmscratch import LinearWithLoRA


def _wrap(m, r, a):
    for name, c in m.named_children():
        if isinstance(c, nn.Linear):
            setattr(m, name, LinearWithLoRA(c, r, a))
        else:
            _wrap(c, r, a)
def add_lora_adapters(model, rank, alpha):
    model.requires_grad = False
    _wrap(model, rank, alpha)
    return model


EXPECTED_CAUSE = "plain attribute that freezes nothing"
