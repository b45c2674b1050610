# MUTANT: counts memoised in a dict keyed by the model's class name
import torch

EXPECTED_CAUSE = "keeps state between calls"

_counts = {}


def count_parameters(model: torch.nn.Module) -> int:
    key = type(model).__name__
    if key not in _counts:
        _counts[key] = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return _counts[key]
