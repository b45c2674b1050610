# MUTANT: weights clamped to at least 1e-6 (to avoid log 0): tiny weights raised, sum above 1
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k ** 0.5
    return torch.softmax(scores, dim=-1).clamp(min=1e-6)


EXPECTED_CAUSE = "were raised to exactly 1e-06"
