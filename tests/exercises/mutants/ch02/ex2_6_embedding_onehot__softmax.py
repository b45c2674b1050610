# MUTANT: softmax applied to the one-hot rows
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch.nn.functional as F


def embedding_via_onehot(token_ids, weight):
    oh = F.one_hot(token_ids, weight.shape[0]).to(weight.dtype)
    return F.softmax(oh, dim=-1) @ weight


EXPECTED_CAUSE = 'applied softmax to the one-hot rows'  # the check's message must name this
