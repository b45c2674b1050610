# MUTANT: rows softmaxed one by one into a torch.zeros(shape) buffer made without dtype (float32)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    weights = torch.zeros(attn_scores.shape)
    for i in range(n):
        weights[..., i, :i + 1] = torch.softmax(attn_scores[..., i, :i + 1], dim=-1)
    return weights


EXPECTED_CAUSE = "a tensor made with torch.zeros(...) and no dtype="  # the message must name this
