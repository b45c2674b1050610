# MUTANT: scores times their absolute value before the scaling (no replay knows it)
import torch

EXPECTED_CAUSE = 'a * s * |s| + c of the right scaled scores'


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query
    scores = scores * scores.abs()
    return torch.softmax(scores / d_k**0.5, dim=-1)
