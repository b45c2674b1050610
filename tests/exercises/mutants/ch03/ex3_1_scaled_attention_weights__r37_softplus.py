# MUTANT: softplus scores normalised by their sum instead of a softmax (exp)
import torch
import torch.nn.functional as F


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k**0.5
    pos = F.softplus(scores)
    return pos / pos.sum()

EXPECTED_CAUSE = "divided softplus(scores)"
