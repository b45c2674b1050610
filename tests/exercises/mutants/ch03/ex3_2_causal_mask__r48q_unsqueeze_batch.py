# MUTANT: 2-D scores unsqueezed to give them a batch dimension that is never squeezed away
# again: (n, n) scores give (1, n, n) weights
import torch


def causal_attention_weights(attn_scores):
    if attn_scores.dim() == 2:
        attn_scores = attn_scores.unsqueeze(0)  # give 2-D scores a batch dimension
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "a batch dimension added for 2-d scores and never taken off again"
