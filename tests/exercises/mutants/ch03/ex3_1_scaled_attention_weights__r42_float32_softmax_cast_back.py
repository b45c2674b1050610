# MUTANT: the softmax is computed in float32 and cast back, so float64 inputs get weights with only
# float32 precision
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k**0.5
    return torch.softmax(scores.float(), dim=-1).to(scores.dtype)


EXPECTED_CAUSE = "the softmax was computed in float32 and cast back"
