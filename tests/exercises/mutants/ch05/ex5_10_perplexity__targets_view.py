# Mutant: targets flattened with .view(-1) (fails on non-contiguous targets)
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.view(-1))
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'not contiguous in memory'
