# MUTANT: every position gets the sum of all one-hot rows
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch.nn.functional as F


def embedding_via_onehot(token_ids, weight):
    oh = F.one_hot(token_ids, weight.shape[0]).to(weight.dtype)
    bag = oh.sum(-2, keepdim=True).expand_as(oh)
    return bag @ weight


EXPECTED_CAUSE = 'row 3 is ['  # the check's message must name this
