# MUTANT: exp-scores normalised by the L2 norm instead of the sum
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    s = keys @ query / d_k**0.5
    e = torch.exp(s - s.max())
    return e / e.norm()


EXPECTED_CAUSE = 'Euclidean length'  # the check's message must name this
