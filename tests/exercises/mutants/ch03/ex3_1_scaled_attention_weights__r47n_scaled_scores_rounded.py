# MUTANT: the scaled scores rounded to 3 decimals before the softmax
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scaled = (keys @ query) / d_k ** 0.5
    return torch.softmax(torch.round(scaled, decimals=3), dim=-1)


EXPECTED_CAUSE = "rounded the scaled scores to 3 decimal(s)"  # the check's message must name this
