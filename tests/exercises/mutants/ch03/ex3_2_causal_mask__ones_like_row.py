# MUTANT: the mask made from attn_scores[0], a single row for 2-D scores
import torch


def causal_attention_weights(attn_scores):
    future = torch.ones_like(attn_scores[0], dtype=torch.bool).triu(1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = 'torch.triu needs a 2-D tensor'
