# MUTANT: exp computed in float16 (overflow to inf above 65504)
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return torch.exp(loss.half()).item()

EXPECTED_CAUSE = 'float16'
