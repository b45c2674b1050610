# MUTANT: a hand-written softmax that normalises exp(...) in place (e /= e.sum()): no backward
import math

import torch


def attention_weights_for_query(query, keys):
    s = keys @ query / math.sqrt(keys.shape[-1])
    e = torch.exp(s - s.max())
    e /= e.sum()
    return e


EXPECTED_CAUSE = "changes exp(...) in place"  # the check's message must name this
