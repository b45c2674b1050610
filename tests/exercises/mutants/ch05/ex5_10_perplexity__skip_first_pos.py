# Mutant: drops the first position ("it has no context").
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits[:, 1:].flatten(0, 1),
                                             targets[:, 1:].flatten())
    return torch.exp(loss).item()


EXPECTED_CAUSE = "first position was left out"  # named in the message
