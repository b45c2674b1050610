# MUTANT: softmax over a hard-coded dim=2 (the keys only for 3-D scores)
import torch


def causal_attention_weights(attn_scores):
    num_tokens = attn_scores.shape[-1]
    future = torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool,
                                   device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=2)


EXPECTED_CAUSE = 'dimension 2 does not exist'
