# MUTANT: sizes read through NumPy (p.detach().cpu().numpy().size): fails on a meta model
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return int(sum(p.detach().cpu().numpy().size for p in model.parameters() if p.requires_grad))

EXPECTED_CAUSE = "count from the shapes alone"
