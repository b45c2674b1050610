# MUTANT: num_tokens taken as sqrt(numel) (right only for 2-D scores; batched scores break)
import torch


def causal_attention_weights(attn_scores):
    num_tokens = int(attn_scores.numel() ** 0.5)
    future = torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool,
                                   device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = 'Build the mask from the last dimension'
