# Mutant: loss divided by the batch size before exp.
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return torch.exp(loss / targets.shape[0]).item()


EXPECTED_CAUSE = 'divided by the batch size before exp'
