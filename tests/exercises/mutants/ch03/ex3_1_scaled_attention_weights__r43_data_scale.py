# MUTANT: the scores are scaled through .data (values right, the gradient misses the 1/sqrt(d_k))
import torch


def attention_weights_for_query(query, keys):
    scores = keys @ query
    scores.data /= keys.shape[-1] ** 0.5
    return torch.softmax(scores, dim=-1)


EXPECTED_CAUSE = "divided by sqrt(d_k) outside autograd"  # the check's message must name this
