# MUTANT: numerator shifted by the max but the denominator sums the unshifted exps
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    s = (keys @ query) / d_k**0.5
    return torch.exp(s - s.max()) / torch.exp(s).sum()


EXPECTED_CAUSE = 'sums exp(s) without it'
