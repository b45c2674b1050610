# MUTANT: the scores copied with copy.deepcopy "to leave them unchanged", then masked in place:
# the copy of scores that require gradients is a new leaf, so masked_fill_ raises
import copy

import torch


def causal_attention_weights(attn_scores):
    scores = copy.deepcopy(attn_scores)
    n = scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=scores.device), diagonal=1)
    scores.masked_fill_(future, -torch.inf)
    return torch.softmax(scores, dim=-1)


EXPECTED_CAUSE = "copy.deepcopy"  # the check's message must name this
