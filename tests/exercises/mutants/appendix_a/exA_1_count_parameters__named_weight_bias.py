# MUTANT: counts only params named weight/bias
"""Exercise A.1 (solution): count a model's trainable parameters."""

import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for n, p in model.named_parameters()
               if p.requires_grad and n.split('.')[-1] in ('weight', 'bias'))


EXPECTED_CAUSE = 'named weight or bias'
