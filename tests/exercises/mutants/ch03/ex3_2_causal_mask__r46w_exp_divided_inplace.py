# MUTANT: a hand-written softmax over the masked scores that normalises exp(...) in place
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    e = (masked - masked.max(dim=-1, keepdim=True).values).exp()
    e /= e.sum(dim=-1, keepdim=True)
    return e


EXPECTED_CAUSE = "changes exp(...) in place"  # the check's message must name this
