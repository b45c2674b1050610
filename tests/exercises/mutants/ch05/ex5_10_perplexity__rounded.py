# MUTANT: perplexity rounded to 2 decimals
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return round(torch.exp(loss).item(), 2)

EXPECTED_CAUSE = 'was rounded'
# Rounding to 2 decimals moves a perplexity of 2.65 by at most 0.005, about 7 times the
# check's relative tolerance of 1e-4: a smaller margin than usual, and still a clear failure.
MIN_MARGIN = 5
