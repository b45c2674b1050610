# MUTANT: each size product built as torch.tensor(p.shape).prod() and summed as tensors: a
# scalar parameter's empty shape gives a float32 tensor, so a large count is rounded in float32
import torch

EXPECTED_CAUSE = "torch.tensor(()) is a float32 tensor"


def count_parameters(model: torch.nn.Module) -> int:
    # product of each trainable parameter's shape, summed with torch
    return int(sum(torch.tensor(p.shape).prod() for p in model.parameters() if p.requires_grad))
