# MUTANT: a hand-written softmax shifted by row maxima taken without keepdim (key j gets
# query j's maximum subtracted)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    e = torch.exp(masked - masked.amax(dim=-1))
    return e / e.sum(dim=-1, keepdim=True)

EXPECTED_CAUSE = "maximum taken without keepdim"
