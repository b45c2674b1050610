# Mutant: only the last sequence of the batch is scored.
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits[-1], targets[-1])
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'logits[-1], the last'  # named in the message
