# MUTANT: mask built from the score values (triu(scores) != 0):
# future scores equal to 0 are not hidden
import torch


def causal_attention_weights(attn_scores):
    future = torch.triu(attn_scores, diagonal=1) != 0
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = 'score VALUES'
