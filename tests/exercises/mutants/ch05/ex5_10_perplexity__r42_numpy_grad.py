# MUTANT: exp through NumPy on loss.numpy(), which raises for logits with gradient history
import numpy as np
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return float(np.exp(loss.numpy()))

EXPECTED_CAUSE = "carry gradient history"
