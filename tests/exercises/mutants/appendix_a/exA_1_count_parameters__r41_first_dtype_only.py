# MUTANT: only the parameters of the first parameter's dtype counted (a mixed model)
import torch

EXPECTED_CAUSE = "keeps only the parameters of one dtype"


def count_parameters(model: torch.nn.Module) -> int:
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        return 0
    dtype = params[0].dtype
    return sum(p.numel() for p in params if p.dtype == dtype)
