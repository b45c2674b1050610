# MUTANT: weights rounded to 4 decimals (the book prints 4)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    w = torch.softmax(keys @ query / d_k**0.5, dim=-1)
    return w.round(decimals=4)


EXPECTED_CAUSE = 'rounded to 4 decimals'  # the check's message must name this
