# MUTANT: every parameter name unpacked as layer, kind = name.rsplit(".", 1)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    per_layer = {}
    for name, p in model.named_parameters():
        layer, kind = name.rsplit(".", 1)
        if p.requires_grad:
            per_layer[layer] = per_layer.get(layer, 0) + p.numel()
    return sum(per_layer.values())


EXPECTED_CAUSE = "splits each name at a dot into two parts"
