# MUTANT: 1e-9 added to each exp (a "smoothing" epsilon) before dividing by the sum
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k ** 0.5
    e = torch.exp(scores - scores.max()) + 1e-9
    return e / e.sum()


EXPECTED_CAUSE = "changes the smallest weights"
