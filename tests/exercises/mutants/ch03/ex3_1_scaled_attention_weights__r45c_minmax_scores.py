# MUTANT: the scaled scores min-max normalised to [0, 1] before the softmax
import torch


def attention_weights_for_query(query, keys):
    scores = keys @ query / keys.shape[-1] ** 0.5
    scores = (scores - scores.min()) / (scores.max() - scores.min())  # "normalise" first
    return torch.softmax(scores, dim=-1)


EXPECTED_CAUSE = "you min-max normalised the scores"  # the check's message must name this
