# MUTANT: 0.05 times each row's weights reversed (w.flip(-1).tril()) added after softmax
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    w = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    return w + 0.05 * w.flip(-1).tril()


EXPECTED_CAUSE = "something added after the softmax"
