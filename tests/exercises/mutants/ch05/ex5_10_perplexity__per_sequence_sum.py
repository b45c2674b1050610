# Mutant: loss summed over tokens and averaged per sequence before exp.
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                             reduction="sum") / logits.shape[0]
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'summed per sequence'
