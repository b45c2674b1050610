# MUTANT: scores multiplied by their absolute value before the scaling (a nonlinear step no replay knows)
import torch

EXPECTED_CAUSE = 'a * s * |s| + c of the right scaled scores'


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query
    scores = scores * scores.abs()
    return torch.softmax(scores / d_k**0.5, dim=-1)
