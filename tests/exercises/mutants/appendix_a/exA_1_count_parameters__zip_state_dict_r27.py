# MUTANT: sizes read from state_dict() zipped with parameters() (buffers shift the pairing)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    total = 0
    for t, p in zip(model.state_dict().values(), model.parameters()):
        if p.requires_grad:
            total += t.numel()
    return total


EXPECTED_CAUSE = "pairs model.state_dict() with model.parameters()"
