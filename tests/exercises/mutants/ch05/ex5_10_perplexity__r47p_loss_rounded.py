# MUTANT: the loss rounded to two decimals before the exp (as printed in the book's tables);
# on uniform logits this looks like a float16 cast of the logits
import math

import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return math.exp(round(loss.item(), 2))


EXPECTED_CAUSE = "the loss was rounded to two decimal places before the exp"
