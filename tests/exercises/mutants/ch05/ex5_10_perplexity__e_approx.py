# Mutant: e approximated as 2.718.
import math

import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return 2.718 ** loss.item()

EXPECTED_CAUSE = 'e was written as 2.718'
