# Mutant: softmax applied before cross_entropy (a double softmax).
import torch


def perplexity(logits, targets):
    probas = torch.softmax(logits, dim=-1)
    loss = torch.nn.functional.cross_entropy(probas.flatten(0, 1), targets.flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'softmax before cross_entropy'
