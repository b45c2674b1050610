# MUTANT: the dot products rounded to 2 decimals (to tidy them) before scaling and the softmax
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = torch.round(keys @ query, decimals=2)
    return torch.softmax(scores / d_k ** 0.5, dim=-1)


EXPECTED_CAUSE = "rounded the dot products to 2 decimal(s)"  # the check's message must name this
