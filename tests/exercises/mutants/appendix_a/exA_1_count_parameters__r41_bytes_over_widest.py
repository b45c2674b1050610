# MUTANT: bytes divided by the largest element size (right only when dtypes are not mixed)
import torch

EXPECTED_CAUSE = "treats the parameters of one model differently by dtype"


def count_parameters(model: torch.nn.Module) -> int:
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        return 0
    widest = max(p.element_size() for p in params)
    return sum(p.numel() * p.element_size() for p in params) // widest
