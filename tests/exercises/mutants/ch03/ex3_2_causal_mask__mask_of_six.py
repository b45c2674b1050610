# MUTANT: mask of the book's fixed 6 tokens sliced to n: fails for more than 6 tokens
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    mask = torch.triu(torch.ones(6, 6, dtype=torch.bool, device=attn_scores.device), 1)[:n, :n]
    return torch.softmax(attn_scores.masked_fill(mask, -torch.inf), dim=-1)


EXPECTED_CAUSE = 'fixed size'  # the check's message must name this
