# MUTANT: the hidden scores filled with a value computed from the scores (-100 times the
# largest absolute score), which is 0 when every score is 0
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    fill = -attn_scores.abs().max() * 100  # far below every score
    return torch.softmax(attn_scores.masked_fill(future, fill), dim=-1)

EXPECTED_CAUSE = "your fill value is computed from the scores"
