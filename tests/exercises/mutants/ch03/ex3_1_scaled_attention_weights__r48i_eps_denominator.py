# MUTANT: a hand-written softmax that divides by e.sum() + 1e-8 (an epsilon "to avoid dividing
# by zero"), so the float64 weights sum to 1 - 1e-8
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k ** 0.5
    e = torch.exp(scores - scores.max())
    return e / (e.sum() + 1e-8)


EXPECTED_CAUSE = "an epsilon in the denominator"  # the check's message must name this
