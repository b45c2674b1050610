# MUTANT: divides by sqrt(2), the book's d_k, instead of sqrt(d_k)
import torch


def attention_weights_for_query(query, keys):
    scores = keys @ query
    return torch.softmax(scores / 2**0.5, dim=-1)


EXPECTED_CAUSE = "the book's example"  # the check's message must name this
