# MUTANT: scaled scores clamped to [-10, 10] "for stability" (large scores flattened)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = torch.clamp(keys @ query / d_k**0.5, -10, 10)
    return torch.softmax(scores, dim=-1)


EXPECTED_CAUSE = 'capped above at'
