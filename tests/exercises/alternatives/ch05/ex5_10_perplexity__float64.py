# Correct: computed in float64 (more precise), nn.CrossEntropyLoss module, math.exp
import math

from torch import nn


def perplexity(logits, targets):
    loss = nn.CrossEntropyLoss()(logits.double().reshape(-1, logits.shape[-1]),
                                 targets.reshape(-1))
    return math.exp(loss.item())
