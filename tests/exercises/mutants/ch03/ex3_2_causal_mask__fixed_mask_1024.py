# MUTANT: one module-level mask of GPT-2's 1,024 tokens, sliced; fails past 1,024 tokens
import torch

_MASK = torch.triu(torch.ones(1024, 1024, dtype=torch.bool), diagonal=1)


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = _MASK[:n, :n].to(attn_scores.device)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "mask has a fixed size (1024 x 1024 here)"
