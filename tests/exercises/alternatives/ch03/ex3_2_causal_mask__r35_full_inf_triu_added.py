# Correct: a full -inf tensor cut with triu(1), added to the scores
import torch


def causal_attention_weights(attn_scores):
    hidden = torch.full_like(attn_scores, -torch.inf).triu(1)
    return torch.softmax(attn_scores + hidden, dim=-1)
