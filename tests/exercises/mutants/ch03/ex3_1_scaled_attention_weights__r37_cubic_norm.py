# MUTANT: weights from (scaled score - smallest + 1) ** 3 normalised by their sum, not from exp
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    s = keys @ query / d_k**0.5
    p = (s - s.min() + 1) ** 3
    return p / p.sum()

EXPECTED_CAUSE = "an increasing function other than exp"
