# MUTANT: scores divided by their standard deviation
import torch


def attention_weights_for_query(query, keys):
    scores = keys @ query
    return torch.softmax(scores / scores.std(), dim=-1)


EXPECTED_CAUSE = "standard deviation of the scores"
