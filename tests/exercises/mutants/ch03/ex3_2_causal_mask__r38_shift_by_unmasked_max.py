# MUTANT: stable hand-written softmax shifted by the row maximum taken BEFORE masking (future scores
# included): when the future scores are much larger, every visible exp underflows to 0 and
# the row is 0/0 = NaN
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    shifted = attn_scores - attn_scores.amax(dim=-1, keepdim=True)
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    exp = torch.exp(shifted.masked_fill(future, -torch.inf))
    return exp / exp.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "row maximum taken before masking"
