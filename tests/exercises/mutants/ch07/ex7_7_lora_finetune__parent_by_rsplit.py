# MUTANT: parent found by name.rsplit('.', 1)[0]: out_head's wrapper is set on out_head itself
from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    model.requires_grad_(False)
    for name, module in list(model.named_modules()):
        if isinstance(module, nn.Linear):
            parent = model.get_submodule(name.rsplit(".", 1)[0])
            setattr(parent, name.rsplit(".", 1)[-1], LinearWithLoRA(module, rank, alpha))
    return model


EXPECTED_CAUSE = "inside the Linear 'out_head' it should replace"
