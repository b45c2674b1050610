# Correct: clone the scores first, then in-place masked_fill_ on the copy; triu of ones_like
import torch


def causal_attention_weights(attn_scores):
    scores = attn_scores.clone()
    mask = torch.ones_like(scores[..., :, :], dtype=torch.bool).triu(diagonal=1)
    scores.masked_fill_(mask, -torch.inf)
    return torch.softmax(scores, dim=-1)
