# Mutant: label smoothing 0.1 in the cross-entropy.
import math

import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                           label_smoothing=0.1)
    return math.exp(loss.item())

EXPECTED_CAUSE = 'label smoothing was used'
