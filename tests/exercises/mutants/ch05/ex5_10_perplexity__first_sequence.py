# Mutant: only the first sequence of the batch used.
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits[0], targets[0])
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'only the first sequence'
