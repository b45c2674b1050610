# Correct: mask from attn_scores.new_ones (inherits the device), masked_fill with -inf, F.softmax
import torch.nn.functional as F


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = attn_scores.new_ones((n, n), dtype=bool).triu(1)
    return F.softmax(attn_scores.masked_fill(future, float("-inf")), dim=-1)
