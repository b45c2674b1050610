# MUTANT: softmax of the negated scores (a distance-like sign)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(-(keys @ query) / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "scores have the wrong sign"  # the check's message must name this
