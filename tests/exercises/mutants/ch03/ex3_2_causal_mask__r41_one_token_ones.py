# MUTANT: a shortcut for one token returns torch.ones(1, 1): batch dims and dtype lost
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    if n == 1:
        return torch.ones(1, 1)
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "a shortcut for one token"
