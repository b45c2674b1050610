# Correct: torch.where with a CPU 0-dim -inf tensor (a CPU scalar tensor mixes with any device
# and keeps the scores' dtype)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.ones(n, n, dtype=torch.bool, device=attn_scores.device).triu(1)
    masked = torch.where(future, torch.tensor(float("-inf")), attn_scores)
    return torch.softmax(masked, dim=-1)
