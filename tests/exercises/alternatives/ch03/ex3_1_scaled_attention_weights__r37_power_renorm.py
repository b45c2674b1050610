# Correct: softmax(scores) ** (1 / sqrt(d_k)), renormalised, is softmax(scores / sqrt(d_k))
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    w = torch.softmax(keys @ query, dim=-1) ** (1 / d_k**0.5)
    return w / w.sum()
