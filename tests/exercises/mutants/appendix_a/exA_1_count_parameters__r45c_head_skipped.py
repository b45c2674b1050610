# MUTANT: layers named out or head left out (the classifier head taken for no part of the count)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for n, p in model.named_parameters()
               if p.requires_grad and not n.startswith(("out", "head")))


EXPECTED_CAUSE = "the difference, 8, is exactly the size of layer out"
