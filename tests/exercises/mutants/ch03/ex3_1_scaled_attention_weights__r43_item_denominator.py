# MUTANT: a hand-written softmax divides by its sum taken with .item() (the gradient misses it)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k**0.5
    e = torch.exp(scores - scores.max())
    return e / e.sum().item()


EXPECTED_CAUSE = "denominator was taken out of autograd"  # the check's message must name this
