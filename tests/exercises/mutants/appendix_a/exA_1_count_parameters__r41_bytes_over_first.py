# MUTANT: bytes divided by the first parameter's element size (wrong when dtypes are mixed)
import torch

EXPECTED_CAUSE = "divided by one parameter's element size"


def count_parameters(model: torch.nn.Module) -> int:
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        return 0
    nbytes = sum(p.numel() * p.element_size() for p in params)
    return nbytes // params[0].element_size()
