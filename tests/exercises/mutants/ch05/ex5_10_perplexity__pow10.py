# Mutant: 10 ** loss instead of exp(loss).
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return (10 ** loss).item()


EXPECTED_CAUSE = 'not 10 ** loss'
