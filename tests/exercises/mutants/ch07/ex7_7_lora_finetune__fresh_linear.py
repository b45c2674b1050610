# MUTANT: each Linear swapped for a wrapper around a new Linear (weights lost)
from torch import nn

from llmscratch import LinearWithLoRA

EXPECTED_CAUSE = "holds other weights than the model's Linear"


def add_lora_adapters(model, rank, alpha):
    for p in model.parameters():
        p.requires_grad = False

    def wrap(module):
        for name, child in module.named_children():
            if isinstance(child, nn.Linear):
                fresh = nn.Linear(child.in_features, child.out_features,
                                  bias=child.bias is not None)
                fresh.requires_grad_(False)
                setattr(module, name, LinearWithLoRA(fresh, rank, alpha))
            else:
                wrap(child)

    wrap(model)
    return model
