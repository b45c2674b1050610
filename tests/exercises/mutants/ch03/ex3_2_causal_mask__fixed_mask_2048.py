# MUTANT: one module-level mask of 2,048 tokens (GPT-3's context) sliced; fails past 2,048 tokens
import torch

_MASK = torch.triu(torch.ones(2048, 2048, dtype=torch.bool), diagonal=1)


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = _MASK[:n, :n].to(attn_scores.device)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "mask has a fixed size (2048 x 2048 here)"
