# MUTANT: scores normalised by their global standard deviation before masking
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    s = attn_scores / attn_scores.std()
    return torch.softmax(s.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "divides by something that is 0 when every score is the same"
