# MUTANT: one mask of a fixed 64 x 64 size sliced to the scores; fails for more than 64 tokens
import torch

_FUTURE = torch.triu(torch.ones(64, 64, dtype=torch.bool), diagonal=1)


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = _FUTURE[:n, :n].to(attn_scores.device)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "mask has a fixed size (64 x 64 here)"
