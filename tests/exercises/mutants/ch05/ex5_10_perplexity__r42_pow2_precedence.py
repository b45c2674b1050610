# MUTANT: operator precedence: 2 ** loss / ln 2 where 2 ** (loss / ln 2) (= exp(loss)) was meant
import math

import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return float(2 ** loss.item() / math.log(2))

EXPECTED_CAUSE = "x 2 ** loss"
