# MUTANT: model.eval() instead of freezing the weights
from torch import nn

from llmscratch import LinearWithLoRA


def _wrap(m, r, a):
    for name, c in m.named_children():
        if isinstance(c, nn.Linear):
            setattr(m, name, LinearWithLoRA(c, r, a))
        else:
            _wrap(c, r, a)
def add_lora_adapters(model, rank, alpha):
    model.eval()
    _wrap(model, rank, alpha)
    return model


EXPECTED_CAUSE = "model.eval() was called"
