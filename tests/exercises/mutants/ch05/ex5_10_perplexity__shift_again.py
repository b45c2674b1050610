# Mutant: the targets are shifted again (logits[:, :-1] vs targets[:, 1:]).
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1),
                                             targets[:, 1:].flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'shifted again'
