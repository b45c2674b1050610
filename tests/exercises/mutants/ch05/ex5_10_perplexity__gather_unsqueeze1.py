# Mutant: gather with targets.unsqueeze(1): every target scored at the first position.
import math

import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    picked = logp.gather(-1, targets.unsqueeze(1))
    return math.exp(-picked.mean().item())

EXPECTED_CAUSE = "against the FIRST position's log-probabilities"
