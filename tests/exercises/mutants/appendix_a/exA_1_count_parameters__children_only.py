# MUTANT: counts params of direct children only (not recursive)
"""Exercise A.1 (solution): count a model's trainable parameters."""

import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for child in model.children()
               for p in child.parameters(recurse=False) if p.requires_grad)


EXPECTED_CAUSE = 'recurses into every submodule'
