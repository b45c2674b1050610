# MUTANT: an overflow guard returns inf whenever the mean loss is above 20
import math

import torch

EXPECTED_CAUSE = "turned a large perplexity into inf"


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten()).item()
    if loss > 20:
        return float("inf")
    return math.exp(loss)
